import { z } from "zod";
import { byteSizeSchema } from "../core/byte-size-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";

const enabled = (description: string) =>
  z
    .boolean()
    .default(true)
    .meta({ description, examples: [false] });

const telegramSchema = z
  .strictObject({
    bot_token: z
      .string()
      .min(1)
      .meta({
        description:
          "The bot's token from @BotFather. A secret: never logged, stored or shown (write it as ${VAR}).",
        examples: ["${TELEGRAM_BOT_TOKEN}"],
      }),
    chat_id: z.union([z.string().min(1), z.number().int()]).meta({
      description:
        "Where the alerts go: a chat, group or channel id (a group's id starts with -), or @channelname.",
      examples: ["-1001234567890"],
    }),
    api_url: z
      .url()
      .default("https://api.telegram.org")
      .meta({
        description: "Telegram Bot API address (a self-hosted Bot API server, or a test fake).",
        examples: ["http://127.0.0.1:8081"],
      }),
  })
  .meta({ description: "Alerts as Telegram messages from a bot (plain text, no parse mode)." });

const webhookSchema = z
  .strictObject({
    url: z.url().meta({
      description: "Where each alert is POSTed as JSON.",
      examples: ["https://hooks.example.com/botbridge"],
    }),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .meta({
        description: "Headers sent with each alert (their values are masked in logs).",
        examples: [{ Authorization: "Bearer ${ALERT_HOOK_TOKEN}" }],
      }),
    body: z
      .unknown()
      .optional()
      .meta({
        description:
          "The JSON body, with {{ }} templates over `alert` (kind, subject, stage, text, link, issue_id, opened_at); default: the alert object itself.",
        examples: [{ text: "{{ alert.text }}", link: "{{ alert.link }}" }],
      }),
  })
  .meta({ description: "Alerts POSTed as JSON to any URL (Slack, Mattermost, a pager...)." });

const conditionsSchema = z
  .strictObject({
    deliveries_failing: z
      .strictObject({
        enabled: enabled("Alert when deliveries keep failing."),
        count: z
          .number()
          .int()
          .min(1)
          .default(3)
          .meta({
            description:
              "How many deliveries whose last attempt failed (failed, or waiting for a retry) within `window` open the issue.",
            examples: [1],
          }),
        window: durationSchema.prefault("15m").meta({
          description: "How far back failures count.",
          examples: ["1h"],
        }),
        per: z
          .enum(["target", "route"])
          .default("target")
          .meta({
            description: "Count per target (one alert for a target that is down) or per route.",
            examples: ["route"],
          }),
      })
      .prefault({})
      .meta({ description: "Deliveries failing on a target or a route." }),
    target_paused: z
      .strictObject({
        enabled: enabled("Alert when a target stays paused."),
        longer_than: durationSchema.prefault("10m").meta({
          description: "How long a target must stay paused before the issue opens.",
          examples: ["30m"],
        }),
        causes: z
          .array(z.enum(["rate_limit", "circuit_breaker", "operator"]))
          .default(["rate_limit", "circuit_breaker", "operator"])
          .meta({
            description:
              "Which pauses count: rate_limit (429s), circuit_breaker (repeated failures), operator (paused by hand).",
            examples: [["rate_limit", "circuit_breaker"]],
          }),
      })
      .prefault({})
      .meta({ description: "A target paused for long (refused credentials have their own)." }),
    waiting_too_long: z
      .strictObject({
        enabled: enabled("Alert when a delivery waits too long."),
        older_than: durationSchema.prefault("1h").meta({
          description:
            "Age of a target's oldest waiting (pending or running) delivery that opens the issue.",
          examples: ["30m"],
        }),
      })
      .prefault({})
      .meta({ description: "A delivery still waiting long after it was accepted." }),
    credentials_refused: z
      .strictObject({ enabled: enabled("Alert when a target refuses botbridge's credentials.") })
      .prefault({})
      .meta({
        description:
          "A target refused the credentials: it is paused, its deliveries wait; the alert names the variable to fix.",
      }),
    reload_refused: z
      .strictObject({ enabled: enabled("Alert when a config reload is refused.") })
      .prefault({})
      .meta({
        description: "A reload found problems in routes.yaml; the last good config runs on.",
      }),
    store_size: z
      .strictObject({
        enabled: enabled("Alert when the store grows past `above`."),
        above: byteSizeSchema.optional().meta({
          description: "The store size that opens the issue; none: no alert.",
          examples: ["2gb"],
        }),
      })
      .prefault({})
      .meta({ description: "The store (SQLite file or PostgreSQL tables) past a size." }),
    disk_free: z
      .strictObject({
        enabled: enabled("Alert when the data folder's disk runs low."),
        below: byteSizeSchema.prefault("1gb").meta({
          description: "Free space on the data folder's disk under which the issue opens.",
          examples: ["5gb"],
        }),
      })
      .prefault({})
      .meta({ description: "Free space on the disk of the data folder." }),
  })
  .prefault({})
  .meta({ description: "What opens an alert issue; each has defaults and can be turned off." });

export const alertsSchema = z
  .strictObject({
    language: z
      .enum(["en", "ru"])
      .default("en")
      .meta({
        description: "Language of the alert messages.",
        examples: ["ru"],
      }),
    console_url: z
      .url()
      .optional()
      .meta({
        description:
          "The console's address as people open it, for the links in alerts; default http://localhost:<server.port>.",
        examples: ["https://bridge.example.com"],
      }),
    digest_every: durationSchema.prefault("30m").meta({
      description: "While an issue lasts, at most one reminder (digest) per this long.",
      examples: ["1h"],
    }),
    evaluate_every: durationSchema.prefault("30s").meta({
      description: "How often the conditions are looked at.",
      examples: ["1m"],
    }),
    channels: z
      .strictObject({ telegram: telegramSchema.optional(), webhook: webhookSchema.optional() })
      .default({})
      .meta({
        description: "Where alerts are sent, by channel name; none: issues are only listed.",
      }),
    conditions: conditionsSchema,
  })
  .meta({ description: "Alerts: conditions that open issues, and the channels they are sent to." });

export type AlertSettings = z.output<typeof alertsSchema>;
export type AlertConditions = AlertSettings["conditions"];
export type TelegramSettings = z.output<typeof telegramSchema>;
export type WebhookSettings = z.output<typeof webhookSchema>;
