import { z } from "zod";
import { conditionSchema } from "../routing/condition-schema.ts";
import { byteSizeSchema } from "../core/byte-size-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";
import { templateStringSchema } from "../core/template-string-schema.ts";
import { timeZoneSchema } from "../core/time-zone-schema.ts";

/** Shared value schemas, named as the docs name them rather than by their JSON shape. */
const NAMED = new Map<z.ZodType, string>([
  [durationSchema, "duration"],
  [byteSizeSchema, "size"],
  [templateStringSchema, "[`{{ template }}`](#template-syntax-and-helpers)"],
  [timeZoneSchema, "time zone"],
  [conditionSchema, "[condition](#conditions)"],
]);

/** One option's schema read for the docs: the value schema under its wrappers, and its meta. */
export interface OptionDescription {
  /** The value's schema with optional, default, prefault and nullable taken off. */
  core: z.ZodType;
  type: string;
  required: boolean;
  /** The default as written in routes.yaml, when there is one. */
  default?: { value: unknown };
  description?: string;
  example?: { value: unknown };
}

/**
 * Reads an option's wrappers from the outside in: the outermost `.meta()` description and
 * examples win; a default must be the value as written (`.prefault("30s")`), since a
 * `.default()` under a transform holds the parsed value (milliseconds, bytes).
 */
export function describeOption(schema: z.ZodType, path: string): OptionDescription {
  const found: Omit<OptionDescription, "core" | "type"> = { required: true };
  let current = schema;
  for (;;) {
    const meta = current.meta();
    if (found.description === undefined && typeof meta?.description === "string")
      found.description = meta.description;
    if (found.example === undefined && Array.isArray(meta?.examples) && meta.examples.length > 0)
      found.example = { value: meta.examples[0] as unknown };
    const inner = innerOf(current);
    if (NAMED.has(current) || !inner) break;
    if (current instanceof z.ZodOptional) found.required = false;
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      found.required = false;
      if (current instanceof z.ZodDefault && inner instanceof z.ZodPipe)
        throw new Error(`${path}: write the default as .prefault(<value as written>)`);
      found.default ??= { value: current._zod.def.defaultValue };
    }
    current = inner;
  }
  return { ...found, core: current, type: typeName(current) };
}

/** The schema a wrapper stands for, or undefined when the schema is not a wrapper. */
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodLazy
  ) {
    return schema.unwrap() as z.ZodType;
  }
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
  if (schema instanceof z.ZodUnion && !(schema instanceof z.ZodDiscriminatedUnion)) {
    const options = (schema.options as readonly z.ZodType[]).filter(
      (o) => !(o instanceof z.ZodNull),
    );
    return options.length === 1 ? options[0] : undefined;
  }
  return undefined;
}

/** A short, readable name of a value's type. */
export function typeName(schema: z.ZodType): string {
  const named = NAMED.get(schema);
  if (named) return named;
  const inner = innerOf(schema);
  if (inner) return typeName(inner);
  if (schema instanceof z.ZodURL) return "URL";
  if (schema instanceof z.ZodString) return "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodNumber) return numberName(schema);
  if (schema instanceof z.ZodLiteral) return `\`${String(schema.value)}\``;
  if (schema instanceof z.ZodEnum)
    return `one of ${schema.options.map((o) => `\`${String(o)}\``).join(", ")}`;
  if (schema instanceof z.ZodArray) return `list of ${typeName(schema.element as z.ZodType)}`;
  if (schema instanceof z.ZodRecord) {
    const key = (schema.keyType as z.ZodType).meta()?.title;
    const value = typeName(schema.valueType as z.ZodType);
    return typeof key === "string" ? `map of ${key} to ${value}` : `map to ${value}`;
  }
  if (schema instanceof z.ZodUnion) {
    const names = (schema.options as readonly z.ZodType[]).map(typeName);
    return [...new Set(names)].join(" or ");
  }
  if (schema instanceof z.ZodObject) return "object";
  return "any";
}

function numberName(schema: z.ZodNumber): string {
  const name = schema.format?.includes("int") ? "integer" : "number";
  const { minValue, maxValue } = schema;
  const small = (n: number | null): n is number => n !== null && Math.abs(n) < 2 ** 31;
  if (small(minValue) && small(maxValue)) return `${name} ${minValue}–${maxValue}`;
  if (small(minValue) && minValue > 0) return `${name} ≥ ${minValue}`;
  return name;
}
