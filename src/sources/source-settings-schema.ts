import { z } from "zod";
import { templateStringSchema } from "../core/template-string-schema.ts";
import { conditionSchema } from "../routing/condition-schema.ts";
import { offSchema, verifySchema } from "./verifiers/verify-schema.ts";

const off = offSchema;

/** Everything a preset sets, and a source may set over it (see createSourceSchema). */
export const sourceSettingsSchema = z.strictObject({
  verify: verifySchema.optional(),
  dedupe: z
    .union([templateStringSchema, off])
    .optional()
    .meta({
      description:
        "A {{ template }} whose value identifies a repeat, e.g. {{ body.tranid }}; a repeat within dedupe_window is answered 200 and creates nothing. false turns the preset's off.",
      examples: ["{{ body.tranid }}"],
    }),
  ping: z
    .union([conditionSchema, off])
    .optional()
    .meta({
      description:
        "A condition marking a sender's test or handshake request (Tilda's test=test): answered with the success response, stored nowhere, routed nowhere. false turns the preset's off.",
      examples: [{ equals: { "body.test": "test" } }],
    }),
  response: z
    .strictObject({
      status: z
        .number()
        .int()
        .min(200)
        .max(299)
        .optional()
        .meta({
          description: "The success status (default 200; Webflow and Elementor accept only 200).",
          examples: [200],
        }),
      body: z
        .string()
        .optional()
        .meta({
          description: "A text body instead of the default JSON {ok, event_id}.",
          examples: ["OK"],
        }),
    })
    .optional()
    .meta({ description: "What an accepted (or duplicate, or ping) request is answered." }),
  split: z
    .boolean()
    .optional()
    .meta({
      description:
        "A JSON array body becomes one event per item (HubSpot batches), each deduped on its own.",
      examples: [true],
    }),
  json_fields: z
    .array(z.string().min(1))
    .optional()
    .meta({
      description:
        "Body fields holding a JSON text (Jotform's rawRequest): parsed and merged into the body; the body's own fields win.",
      examples: [["rawRequest"]],
    }),
  query_as_body: z
    .boolean()
    .optional()
    .meta({
      description:
        "With no body, the query becomes the body (GetCourse puts everything in the URL).",
      examples: [true],
    }),
  plus_repair: z
    .array(z.string().min(1))
    .optional()
    .meta({
      description:
        "Body fields where a leading space was a '+' sent raw in a URL (phones): the '+' is put back.",
      examples: [["phone"]],
    }),
});

export type SourceSettingsInput = z.input<typeof sourceSettingsSchema>;
