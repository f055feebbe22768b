import { z } from "zod";
import { basicSettingsSchema } from "./verify-basic.ts";
import { hmacSettingsSchema } from "./verify-hmac.ts";
import { ipAllowSchema } from "./verify-ip.ts";
import { tokenSettingsSchema } from "./verify-token.ts";

const off = z.literal(false).meta({ description: "Turns off a check the preset would make." });

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
