import { z } from "zod";
import { byteSizeSchema } from "../core/byte-size-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";

export const DEFAULT_RETRY = ["10s", "1m", "5m", "15m", "1h", "3h", "6h", "12h", "24h"];

/** The retry schedule: the wait before each retry; the last one repeats until max_age. */
export const retrySchema = z
  .array(durationSchema)
  .min(1)
  .meta({
    description: "Wait before each retry; the last wait repeats until max_age.",
    examples: [["30s", "5m", "1h"]],
  });

export const deliverySchema = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(16)
      .meta({ description: "Actions in flight at once in this process.", examples: [32] }),
    retry: retrySchema.prefault(DEFAULT_RETRY),
    max_age: durationSchema.prefault("72h").meta({
      description:
        "A delivery still failing this long after its event arrived (or an operator retried it) gives up (failed).",
      examples: ["7d"],
    }),
    timeout: durationSchema.prefault("30s").meta({
      description: "Default time limit of one outgoing call; targets may set their own.",
      examples: ["10s"],
    }),
    max_response_size: byteSizeSchema.prefault("1mb").meta({
      description:
        "Largest answer read from a target; a larger one fails the attempt with response_too_large and its connection is dropped.",
      examples: ["5mb"],
    }),
    max_retry_after: durationSchema.prefault("1h").meta({
      description:
        "The longest wait a target's Retry-After (429, 503) may ask for: a longer one, a huge number or a far-off date is cut to this; one that is neither seconds nor an HTTP date is ignored.",
      examples: ["15m"],
    }),
    lease: durationSchema.prefault("1m").meta({
      description:
        "How long a claimed delivery stays with one worker before another may take it over.",
      examples: ["2m"],
    }),
    poll_interval: durationSchema.prefault("1s").meta({
      description: "How often idle workers look for due deliveries.",
      examples: ["500ms"],
    }),
    circuit_breaker: z
      .strictObject({
        failures: z
          .number()
          .int()
          .min(1)
          .default(5)
          .meta({
            description: "Consecutive retryable failures that pause a target.",
            examples: [10],
          }),
        cool_down: durationSchema.prefault("30s").meta({
          description: "How long a paused target rests before one probe goes through.",
          examples: ["1m"],
        }),
      })
      .prefault({})
      .meta({
        description:
          "Pauses a target that keeps failing, so its deliveries wait without using attempts.",
      }),
  })
  .meta({ description: "How deliveries are carried out and retried." });

export type DeliverySettings = z.output<typeof deliverySchema>;
