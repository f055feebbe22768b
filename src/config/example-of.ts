import { z } from "zod";
import { describeOption } from "./describe-option.ts";

/**
 * An example value of a schema, from the `examples` of its `.meta()`: an option's own example,
 * else one assembled from the examples of the options inside it (a map gets one entry, named by
 * its key schema's example; a map of kinds gets one entry per kind, named after the kind).
 */
export function exampleOf(schema: z.ZodType, path: string): unknown {
  const { core, example } = describeOption(schema, path);
  if (example) return example.value;
  if (core instanceof z.ZodObject) {
    const entries = Object.entries(core.shape as Record<string, z.ZodType>).map(
      ([key, field]) => [key, exampleOf(field, `${path}.${key}`)] as const,
    );
    const present = entries.filter(([, value]) => value !== undefined);
    return present.length > 0 ? Object.fromEntries(present) : undefined;
  }
  if (core instanceof z.ZodArray) {
    const item = exampleOf(core.element as z.ZodType, `${path}[]`);
    return item === undefined ? undefined : [item];
  }
  if (core instanceof z.ZodRecord) return recordExample(core, path);
  return undefined;
}

function recordExample(record: z.ZodRecord, path: string): unknown {
  const value = describeOption(record.valueType as z.ZodType, path).core;
  if (value instanceof z.ZodDiscriminatedUnion) {
    const kinds = (value.options as readonly z.ZodObject[]).map((option) => {
      const kind = kindOf(option, value._zod.def.discriminator);
      return [kind, exampleOf(option, `${path}.${kind}`)] as const;
    });
    return Object.fromEntries(kinds);
  }
  const key = keyExample(record.keyType as z.ZodType);
  const entry = exampleOf(record.valueType as z.ZodType, `${path}.${key}`);
  return entry === undefined ? undefined : { [key]: entry };
}

/** The literal value of a discriminated union option's discriminator, e.g. `bothelp`. */
export function kindOf(option: z.ZodObject, discriminator: string): string {
  const field = (option.shape as Record<string, z.ZodType>)[discriminator];
  return field instanceof z.ZodLiteral ? String(field.value) : "?";
}

function keyExample(key: z.ZodType): string {
  const examples = key.meta()?.examples;
  if (Array.isArray(examples) && typeof examples[0] === "string") return examples[0];
  if (key instanceof z.ZodEnum) return String(key.options[0]);
  return "name";
}
