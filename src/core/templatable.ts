import { z } from "zod";
import { templateStringSchema } from "./template-string-schema.ts";

/**
 * Derives the load-time schema of an action's params from its dispatch-time schema: every value
 * may instead be a `{{ template }}`, since templates only render at dispatch time. Object shapes,
 * strictness and cross-field checks are kept, so unknown keys and literal mistakes are still
 * caught when the config loads.
 */
export function templatable(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return templatable(schema.unwrap() as z.ZodType).optional();
  }
  if (schema instanceof z.ZodNullable) return templatable(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodPipe) return templatable(schema.in as z.ZodType);
  if (schema instanceof z.ZodString && (schema._zod.def.checks ?? []).length === 0) return schema;
  return z.union([structure(schema), templateStringSchema]);
}

/** The schema with each part inside it made templatable (a leaf stays as it is). */
function structure(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, value]) => [
        key,
        templatable(value),
      ]),
    );
    const def = schema._zod.def;
    const rebuilt =
      def.catchall instanceof z.ZodNever ? z.strictObject(shape) : z.looseObject(shape);
    return withChecks(rebuilt, def.checks).meta(schema.meta() ?? {});
  }
  if (schema instanceof z.ZodArray) {
    return withChecks(z.array(templatable(schema.element as z.ZodType)), schema._zod.def.checks);
  }
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, templatable(schema.valueType as z.ZodType));
  }
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as readonly z.ZodType[]).map(structure);
    return z.union(options as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  }
  return schema;
}

function withChecks<T extends z.ZodType>(schema: T, checks: unknown): T {
  const list = (checks ?? []) as z.core.$ZodCheck[];
  return list.length > 0 ? schema.check(...(list as never[])) : schema;
}
