import { z } from "zod";
import type { ActionSpec } from "../actions/action-spec.ts";
import { targetSchema } from "../targets/target-schema.ts";
import { createRouteSchema } from "../routing/route-schema.ts";
import { PRESETS } from "../sources/presets/presets.ts";
import { createSourceSchema } from "../sources/source-schema.ts";
import { deliverySchema } from "../routing/delivery-schema.ts";
import { adminSchema } from "./admin-schema.ts";
import { alertsSchema } from "./alerts-schema.ts";
import { metricsSchema } from "./metrics-schema.ts";
import { serverSchema } from "./server-schema.ts";
import { storageSchema } from "../store/storage-schema.ts";
import { templatesSchema } from "./templates-schema.ts";

const nameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: "expected a name of letters, digits, _ and -" });

/**
 * The whole of routes.yaml. `forJsonSchema` builds the variant the editor JSON Schema is made
 * from (action items as a union of every action type).
 */
export function createRoutesSchema(actions: readonly ActionSpec[], forJsonSchema = false) {
  return z
    .strictObject({
      version: z.literal(1).meta({ description: "The config format's version.", examples: [1] }),
      server: serverSchema.prefault({}),
      storage: storageSchema.prefault({}),
      delivery: deliverySchema.prefault({}),
      templates: templatesSchema.prefault({}),
      metrics: metricsSchema.prefault({}),
      admin: adminSchema.prefault({}),
      alerts: alertsSchema.prefault({}),
      targets: z.record(nameSchema, targetSchema).default({}).meta({
        description:
          "Accounts that actions call, by name. An action calls the target of its kind; when several targets share a kind, the action item names one with target.",
      }),
      sources: z
        .record(
          nameSchema.meta({ examples: ["tilda"] }),
          z.union([createSourceSchema(PRESETS), z.null()]),
        )
        .default({})
        .meta({
          description:
            "Inbound endpoints, by name: POST /hooks/<name>. An entry with no options may be left empty (`tilda:`).",
        }),
      routes: z.array(createRouteSchema(actions, forJsonSchema)).default([]).meta({
        description:
          "The rules. Every route of an event's source whose condition holds makes one delivery, and its actions run in order.",
      }),
    })
    .meta({ title: "botbridge routes.yaml" });
}

export type RoutesFile = z.output<ReturnType<typeof createRoutesSchema>>;
