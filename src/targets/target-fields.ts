import { z } from "zod";
import { dryRunAnswerSchema } from "../core/dry-run-answer-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";

/** Settings every target kind has. */
export const targetFields = {
  dry_run: z
    .boolean()
    .default(false)
    .meta({
      description:
        "Record each rendered request as a dry_run attempt and send nothing; each call is answered by dry_run_answer (or the action's built-in answer).",
      examples: [true],
    }),
  dry_run_answer: dryRunAnswerSchema,
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
