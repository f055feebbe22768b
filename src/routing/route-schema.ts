import { z } from "zod";
import type { ActionSpec } from "../actions/action-spec.ts";
import { createActionItemSchema, createActionItemUnion } from "./action-item-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";
import { retrySchema } from "./delivery-schema.ts";
import { templateStringSchema } from "../core/template-string-schema.ts";
import { conditionSchema } from "./condition-schema.ts";

/** A route. `forJsonSchema` builds action items as a union for editors instead of for validation. */
export function createRouteSchema(actions: readonly ActionSpec[], forJsonSchema = false) {
  const item = forJsonSchema ? createActionItemUnion(actions) : createActionItemSchema(actions);
  return z
    .strictObject({
      id: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
          error: "expected a name of letters, digits, _ . -",
        })
        .meta({
          description: "Unique name of the route; deliveries and logs refer to it.",
          examples: ["tilda-lead"],
        }),
      source: z.string().meta({
        description: "Name of the source (under sources:) this route listens to.",
        examples: ["tilda"],
      }),
      description: z
        .string()
        .optional()
        .meta({
          description: "A note for people reading the file.",
          examples: ["New leads to the CRM"],
        }),
      enabled: z
        .boolean()
        .default(true)
        .meta({ description: "A disabled route matches nothing.", examples: [true] }),
      when: conditionSchema.optional().meta({
        description:
          "The condition an event must meet; without it every event of the source matches.",
        examples: [{ equals: { "body.formid": "form123456789" } }],
      }),
      order_by: templateStringSchema.optional().meta({
        description: "Deliveries with the same rendered key run one at a time, in arrival order.",
        examples: ["{{ $email(body.Email) }}"],
      }),
      retry: retrySchema
        .optional()
        .meta({ description: "This route's retry schedule (defaults to delivery.retry)." }),
      max_age: durationSchema.optional().meta({
        description: "Give up after this long (defaults to delivery.max_age).",
        examples: ["24h"],
      }),
      actions: z
        .array(item)
        .min(1)
        .meta({
          description: "Actions run in order; each sees the outputs of earlier ones as steps.<id>.",
          examples: [
            [
              {
                id: "contact",
                "http.request": { method: "GET", path: "/contacts/{{ body.contact_id }}" },
              },
              {
                when: { exists: "steps.contact.body.phone" },
                "http.request": {
                  method: "POST",
                  path: "/calls",
                  body: { phone: "{{ $phone(steps.contact.body.phone) }}" },
                },
              },
            ],
          ],
        }),
    })
    .meta({ description: "A rule: which events of a source, and what to do with them." });
}

export type RouteConfig = Omit<z.output<ReturnType<typeof createRouteSchema>>, "actions"> & {
  actions: ActionItemConfig[];
};

/** An action item as written: `{ <type>: params, id?, when?, target? }`. */
export type ActionItemConfig = Record<string, unknown> & {
  id?: string;
  when?: z.output<typeof conditionSchema>;
  target?: string;
};
