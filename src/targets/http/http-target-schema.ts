import { z } from "zod";
import { targetFields } from "../target-fields.ts";

export const httpTargetSchema = z
  .strictObject({
    type: z.literal("http").meta({ description: "The target kind.", examples: ["http"] }),
    base_url: z.url().meta({
      description: "Every http.request path is joined under this address; its host never changes.",
      examples: ["https://crm.example.com/api"],
    }),
    headers: z
      .record(z.string().meta({ title: "header" }), z.string())
      .default({})
      .meta({
        description: "Headers sent with every request (secrets from ${VAR}).",
        examples: [{ Authorization: "Bearer ${CRM_TOKEN}" }],
      }),
    ...targetFields,
  })
  .meta({ title: "HTTP target", description: "Any HTTP API, e.g. a CRM to fetch a contact from." });

export type HttpTarget = z.output<typeof httpTargetSchema>;
