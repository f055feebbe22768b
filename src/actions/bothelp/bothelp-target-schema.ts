import { z } from "zod";
import { durationSchema } from "../../config/duration-schema.ts";
import { targetFields } from "../target-fields.ts";
import { BOTHELP_OPERATIONS, bothelpOperationSchema } from "./bothelp-operations.ts";

export const bothelpTargetSchema = z
  .strictObject({
    type: z.literal("bothelp"),
    client_id: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "API id from BotHelp settings -> Integrations." }),
    client_secret: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "API secret from BotHelp settings -> Integrations." }),
    api_url: z
      .url()
      .default("https://api.bothelp.io")
      .meta({ description: "BotHelp REST API address." }),
    token_url: z
      .url()
      .default("https://oauth.bothelp.io/oauth2/token")
      .meta({ description: "OAuth2 token endpoint." }),
    token_refresh_margin: durationSchema
      .default(120_000)
      .meta({ description: "Renew the token this long before it expires." }),
    check_referrals: z.boolean().default(true).meta({
      description:
        "At start, serve checks the flow, step and sequence referrals written in the routes against BotHelp and logs the missing ones.",
    }),
    operations: z
      .partialRecord(z.enum(BOTHELP_OPERATIONS), bothelpOperationSchema)
      .optional()
      .meta({
        description:
          "Per-operation overrides of method, path, content type, body style, referral placement and rate limit.",
      }),
    ...targetFields,
  })
  .refine((t) => t.dry_run || (t.client_id !== undefined && t.client_secret !== undefined), {
    message: "client_id and client_secret are required unless dry_run: true",
  })
  .meta({ title: "BotHelp target", description: "A BotHelp account (OAuth2 client credentials)." });

export type BothelpTarget = z.output<typeof bothelpTargetSchema>;
