import { z } from "zod";

const nameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: "expected a name of letters, digits, _ . and -",
});

/** A token as configured; empty (an unset `${BOTBRIDGE_ADMIN_TOKEN:-}`) means none. */
const tokenSchema = z.string().meta({
  description:
    "A bearer token for the operator API and console; at least 16 characters. Empty means none is configured.",
  examples: ["${BOTBRIDGE_ADMIN_TOKEN:-}"],
});

export const adminSchema = z
  .strictObject({
    token: z
      .union([
        tokenSchema,
        z.array(z.strictObject({ name: nameSchema, token: tokenSchema })).meta({
          description: "Several named tokens, for rotation; the name is the audit log's actor.",
        }),
      ])
      .optional()
      .meta({
        description:
          "Who may use the operator API (`Authorization: Bearer <token>`): one token (its audit name is `admin`) or a list of `{name, token}`. When none is set, a token is generated at first start into the data folder (`admin-token`, mode 0600) and its use is logged once.",
        examples: ["${BOTBRIDGE_ADMIN_TOKEN:-}"],
      }),
    token_file: z
      .string()
      .optional()
      .meta({
        description:
          "Where the generated token is kept; by default `admin-token` in the data folder (the SQLite file's folder, or ./data with PostgreSQL).",
        examples: ["/var/lib/botbridge/admin-token"],
      }),
  })
  .superRefine((admin, context) => {
    const tokens =
      typeof admin.token === "string"
        ? [{ path: ["token"], token: admin.token }]
        : (admin.token ?? []).map((t, i) => ({ path: ["token", i, "token"], token: t.token }));
    for (const { path, token } of tokens)
      if (token !== "" && token.length < 16)
        context.addIssue({
          code: "custom",
          path,
          message: "an admin token must be at least 16 characters (openssl rand -hex 32 makes one)",
        });
    if (Array.isArray(admin.token)) {
      const names = admin.token.map((t) => t.name);
      names.forEach((name, i) => {
        if (names.indexOf(name) !== i)
          context.addIssue({
            code: "custom",
            path: ["token", i, "name"],
            message: `duplicate token name "${name}"`,
          });
      });
    }
  })
  .meta({ description: "Access to the operator API and console." });

export type AdminSettings = z.output<typeof adminSchema>;
