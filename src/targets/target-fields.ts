import { z } from "zod";
import { durationSchema } from "../core/duration-schema.ts";

/** Settings every target kind has. */
export const targetFields = {
  dry_run: z
    .boolean()
    .default(false)
    .meta({
      description: "Record each rendered request as a dry_run attempt and send nothing.",
      examples: [true],
    }),
  timeout: durationSchema.optional().meta({
    description: "Time limit of one call; defaults to delivery.timeout.",
    examples: ["10s"],
  }),
  rate_limit: z
    .number()
    .positive()
    .optional()
    .meta({ description: "Requests per second to this target from this process.", examples: [5] }),
};
