import { z } from "zod";
import { durationSchema } from "../config/duration-schema.ts";
import { templateStringSchema } from "../config/template-string-schema.ts";

export const sourceSchema = z
  .strictObject({
    description: z
      .string()
      .optional()
      .meta({ description: "A note for people reading the file.", examples: ["Tilda lead forms"] }),
    dedupe: templateStringSchema.optional().meta({
      description:
        "A {{ template }} whose value identifies a repeat, e.g. {{ body.tranid }}; a repeat within dedupe_window is answered 200 and creates nothing.",
      examples: ["{{ body.tranid }}"],
    }),
    dedupe_window: durationSchema
      .prefault("24h")
      .meta({ description: "How long a dedupe key is remembered.", examples: ["7d"] }),
  })
  .meta({ description: "An inbound endpoint, POST /hooks/<name>." });

export type SourceConfig = z.output<typeof sourceSchema>;
