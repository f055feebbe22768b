import { z } from "zod";
import { durationSchema } from "../config/duration-schema.ts";
import { templateStringSchema } from "../config/template-string-schema.ts";

export const sourceSchema = z
  .strictObject({
    description: z.string().optional(),
    dedupe: templateStringSchema.optional().meta({
      description:
        "A {{ template }} whose value identifies a repeat, e.g. {{ body.tranid }}; a repeat within dedupe_window is answered 200 and creates nothing.",
    }),
    dedupe_window: durationSchema
      .default(86_400_000)
      .meta({ description: "How long a dedupe key is remembered." }),
  })
  .meta({ description: "An inbound endpoint, POST /hooks/<name>." });

export type SourceConfig = z.output<typeof sourceSchema>;
