import { z } from "zod";
import { durationSchema } from "../core/duration-schema.ts";

export const DEFAULT_STORAGE_URL = "sqlite:./data/botbridge.db";

export const storageSchema = z
  .strictObject({
    url: z
      .string()
      .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, {
        error: "expected sqlite:PATH or postgres://...",
      })
      .default(DEFAULT_STORAGE_URL)
      .meta({
        description:
          "sqlite:PATH (embedded) or postgres://... (several instances); BOTBRIDGE_DATABASE_URL overrides it.",
        examples: ["postgres://botbridge:${DB_PASSWORD}@db:5432/botbridge"],
      }),
    pool_size: z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(10)
      .meta({
        description:
          "PostgreSQL only: connections this process keeps to the database (one more listens for new deliveries).",
        examples: [20],
      }),
    statement_timeout: durationSchema.prefault("10s").meta({
      description:
        "PostgreSQL only: a statement running longer is cancelled; the webhook gets 503 and the dispatcher retries.",
      examples: ["5s"],
    }),
    retention: durationSchema.prefault("30d").meta({
      description: "Events older than this are purged with their deliveries and attempts.",
      examples: ["7d"],
    }),
    redact: z
      .array(z.string())
      .default([])
      .meta({
        description:
          "Field names masked before storage and in logs, at any depth of body, query and headers (e.g. password, card_number). Dedupe and order keys are always stored as keyed hashes (HMAC-SHA256 under a key kept in the database), so a key built from such a field is not stored either.",
        examples: [["password", "card_number"]],
      }),
  })
  .meta({ description: "Where events, deliveries and attempts are kept." });

export type StorageSettings = z.output<typeof storageSchema>;
