import { z } from "zod";
import { durationSchema } from "../../core/duration-schema.ts";
import { targetFields } from "../target-fields.ts";
import { BOTHELP_OPERATIONS, bothelpOperationSchema } from "./bothelp-operations.ts";

export const bothelpTargetSchema = z
  .strictObject({
    type: z.literal("bothelp").meta({ description: "The target kind.", examples: ["bothelp"] }),
    client_id: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "API id from BotHelp settings -> Integrations; required unless dry_run: true.",
        examples: ["${BOTHELP_CLIENT_ID}"],
      }),
    client_secret: z
      .string()
      .min(1)
      .optional()
      .meta({
        description:
          "API secret from BotHelp settings -> Integrations; required unless dry_run: true.",
        examples: ["${BOTHELP_CLIENT_SECRET}"],
      }),
    api_url: z
      .url()
      .default("https://api.bothelp.io")
      .meta({
        description: "BotHelp REST API address.",
        examples: ["${BOTHELP_API_URL:-https://api.bothelp.io}"],
      }),
    token_url: z
      .url()
      .default("https://oauth.bothelp.io/oauth2/token")
      .meta({
        description: "OAuth2 token endpoint.",
        examples: ["${BOTHELP_TOKEN_URL:-https://oauth.bothelp.io/oauth2/token}"],
      }),
    token_refresh_margin: durationSchema.prefault("2m").meta({
      description: "Renew the token this long before it expires.",
      examples: ["5m"],
    }),
    check_referrals: z
      .boolean()
      .default(true)
      .meta({
        description:
          "At start, serve checks the flow, step and sequence referrals written in the routes against BotHelp and logs the missing ones.",
        examples: [false],
      }),
    operations: z
      .partialRecord(
        z.enum(BOTHELP_OPERATIONS).meta({ title: "operation" }),
        bothelpOperationSchema,
      )
      .optional()
      .meta({
        description: `Per-operation overrides of method, path, content type, body style, referral placement and rate limit. Operations: ${BOTHELP_OPERATIONS.join(", ")}.`,
        examples: [{ send_message: { body_style: "data", rate_limit: 5 } }],
      }),
    ...targetFields,
  })
  .refine((t) => t.dry_run || (t.client_id !== undefined && t.client_secret !== undefined), {
    message: "client_id and client_secret are required unless dry_run: true",
  })
  .meta({ title: "BotHelp target", description: "A BotHelp account (OAuth2 client credentials)." });

export type BothelpTarget = z.output<typeof bothelpTargetSchema>;
