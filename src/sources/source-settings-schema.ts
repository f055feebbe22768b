import { z } from "zod";
import { templateStringSchema } from "../core/template-string-schema.ts";
import { conditionSchema } from "../routing/condition-schema.ts";
import { offSchema, verifySchema } from "./verifiers/verify-schema.ts";

const off = offSchema;

/** How a body is read: by its Content-Type (auto), or always as JSON, a form, or text. */
export const PARSE_MODES = ["auto", "json", "form", "text"] as const;
export type ParseMode = (typeof PARSE_MODES)[number];

/** The methods a source may accept; a source accepts POST alone unless it (or its preset) says more. */
export const HOOK_METHODS = ["POST", "GET", "PUT", "PATCH"] as const;
export type HookMethod = (typeof HOOK_METHODS)[number];
export const DEFAULT_METHODS: readonly HookMethod[] = ["POST"];

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
  methods: z
    .array(z.enum(HOOK_METHODS))
    .min(1)
    .optional()
    .meta({
      description: `The HTTP methods accepted (default ${DEFAULT_METHODS.join(", ")}); any other is answered 405 method_not_allowed with an Allow header, and nothing is stored. GetCourse's preset adds GET, since its 'Call URL' may send GET; a browser opening the URL of any other source stores nothing.`,
      examples: [["GET", "POST"]],
    }),
  parse: z
    .enum(PARSE_MODES)
    .optional()
    .meta({
      description:
        "How the body is read. auto (the default): by its Content-Type (JSON, urlencoded, multipart, else text), except that a body sent as a form (or with no type) whose text is a JSON object or array is read as JSON, and the stored event gets the header x-botbridge-parsed-as: json (curl -d sends JSON as a form). json, form or text: always so, whatever the Content-Type says (form reads multipart as multipart).",
      examples: ["json"],
    }),
  split: z
    .union([z.boolean(), z.literal("entities")])
    .optional()
    .meta({
      description:
        "One request becomes several events, each deduped and routed on its own. true: a JSON array body, one event per item (HubSpot batches). entities: a body of entities, actions and lists (amoCRM's leads[status][0], leads[status][1], contacts[update][0]) becomes one event per item, each shaped as if it had come alone: {leads: {status: [item]}, account: ...}, so body.leads.status[0] is that event's lead.",
      examples: [true, "entities"],
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
