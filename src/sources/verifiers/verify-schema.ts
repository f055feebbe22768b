import { z } from "zod";
import { typeName } from "../../core/issue-message.ts";
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
      .optional()
      .meta({
        description:
          "A shared secret in the query (default ?token=), a header or a body field: a string, or { secret, in, name }; removed from the stored event.",
        examples: ["${TILDA_TOKEN}"],
      }),
    hmac: z
      .union([hmacSettingsSchema, off])
      .optional()
      .meta({
        description:
          "An HMAC signature over the raw body: { secret, algorithm, encoding, header, prefix, header_format, signed, timestamp_header, timestamp_field, tolerance, url, scheme } (see docs/sources.md).",
        examples: [{ secret: "${FORM_SIGNING_SECRET}", header: "x-signature" }],
      }),
    basic: z
      .union([basicSettingsSchema, off])
      .optional()
      .meta({
        description: "HTTP Basic credentials: { username, password }.",
        examples: [{ username: "bridge", password: "${PIPEDRIVE_HOOK_PASSWORD}" }],
      }),
    ip_allow: z
      .union([ipAllowSchema, off])
      .optional()
      .meta({
        description:
          "Client addresses and CIDR ranges allowed to send; X-Forwarded-For counts only as server.trust_proxy says.",
        examples: [["203.0.113.7", "10.0.0.0/8"]],
      }),
  })
  .meta({
    description:
      "How requests are verified; every check listed must pass, else 401 verification_failed and nothing is stored.",
  });

export type VerifySettings = z.output<typeof verifySchema>;
export type VerifyScheme = keyof VerifySettings;
export const VERIFY_SCHEMES: readonly VerifyScheme[] = ["token", "hmac", "basic", "ip_allow"];
