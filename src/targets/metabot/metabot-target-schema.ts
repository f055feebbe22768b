import { z } from "zod";
import { timeZoneSchema } from "../../core/time-zone-schema.ts";
import { targetFields } from "../target-fields.ts";

export const metabotTargetSchema = z
  .strictObject({
    type: z.literal("metabot").meta({ description: "The target kind.", examples: ["metabot"] }),
    bot_id: z
      .number()
      .int()
      .positive()
      .meta({ description: "The bot's id in Metabot.", examples: [1234] }),
    token: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "API user's token (Metabot -> Business users); required unless dry_run: true.",
        examples: ["${METABOT_TOKEN}"],
      }),
    base_url: z
      .url()
      .default("https://app.metabot24.com/api/v1")
      .meta({
        description: "Metabot Bot API address.",
        examples: ["https://metabot.example.com/api/v1"],
      }),
    timezone: timeZoneSchema.default("Europe/Moscow").meta({
      description:
        "The Metabot server's time zone, which run_at is written in (a guess to confirm with your server).",
      examples: ["Asia/Yekaterinburg"],
    }),
    auth_header: z
      .string()
      .default("Authorization")
      .meta({ description: "Header that carries the token.", examples: ["X-Api-Token"] }),
    auth_scheme: z
      .string()
      .default("Bearer")
      .meta({ description: "Word before the token; empty for none.", examples: [""] }),
    include_event_id: z
      .boolean()
      .default(true)
      .meta({
        description:
          "Add event_id to script_request_params so the bot can drop repeats (delivery is at-least-once).",
        examples: [false],
      }),
    ...targetFields,
  })
  .refine((t) => t.dry_run || t.token !== undefined, {
    message: "token is required unless dry_run: true",
  })
  .meta({ title: "Metabot target", description: "A Metabot bot and its API token." });

export type MetabotTarget = z.output<typeof metabotTargetSchema>;
