import { z } from "zod";
import { typeName } from "../../config/issue-message.ts";
import { basicSettingsSchema } from "./verify-basic.ts";
import { hmacSettingsSchema } from "./verify-hmac.ts";
import { ipAllowSchema } from "./verify-ip.ts";
import { tokenSettingsSchema } from "./verify-token.ts";

/** `false`: turns off what a preset would set. Any other value is reported as a type mismatch. */
export const offSchema = z
  .literal(false, { error: (issue) => `expected false, got ${typeName(issue.input)}` })
  .meta({ description: "false turns off what the preset sets." });
const off = offSchema;

/** The `verify:` of a source: every check listed must pass. A preset's settings sit under these. */
export const verifySchema = z
  .strictObject({
    token: z
      .union([
        z
          .string()
          .min(1)
          .meta({ description: "The token, expected in the query parameter token." }),
        tokenSettingsSchema,
        off,
      ])
      .optional(),
    hmac: z.union([hmacSettingsSchema, off]).optional(),
    basic: z.union([basicSettingsSchema, off]).optional(),
    ip_allow: z.union([ipAllowSchema, off]).optional(),
  })
  .meta({
    description:
      "How requests are verified; every check listed must pass, else 401 verification_failed and nothing is stored.",
  });

export type VerifySettings = z.output<typeof verifySchema>;
export type VerifyScheme = keyof VerifySettings;
export const VERIFY_SCHEMES: readonly VerifyScheme[] = ["token", "hmac", "basic", "ip_allow"];
