import { z } from "zod";
import { describeOption, type OptionDescription } from "./describe-option.ts";

/** One row of the configuration reference. */
export interface ConfigOption extends Omit<OptionDescription, "core"> {
  /** Where the option is written, e.g. `server.body_limit`, `routes[].actions[].id`. */
  path: string;
  /** True when the option is an object or list whose own options follow it. */
  hasOptions: boolean;
}

/** The placeholder of a map's keys in option paths: the key schema's title, else `name`. */
export function keyPlaceholder(record: z.ZodRecord): string {
  const title = (record.keyType as z.ZodType).meta()?.title;
  return `<${typeof title === "string" ? title : "name"}>`;
}

/**
 * Every option of an object schema, depth first, each followed by the options inside it (an
 * object's fields, a list's items as `path[]`, a map's entries as `path.<name>`). Other keys an
 * object takes (its catchall) are one option named by the catchall's title.
 */
export function listOptions(object: z.ZodObject, path: string): ConfigOption[] {
  const options: ConfigOption[] = [];
  for (const [key, field] of Object.entries<z.ZodType>(object.shape)) {
    const at = path === "" ? key : `${path}.${key}`;
    const { core, ...described } = describeOption(field, at);
    const inner = nestedOptions(core, at);
    options.push({ path: at, ...described, hasOptions: inner.length > 0 }, ...inner);
  }
  const rest = object._zod.def.catchall;
  if (rest && !(rest instanceof z.ZodNever)) {
    const title = (rest as z.ZodType).meta()?.title;
    const at = `${path}.<${typeof title === "string" ? title : "key"}>`;
    const { core: _core, ...described } = describeOption(rest as z.ZodType, at);
    options.push({ path: at, ...described, hasOptions: false });
  }
  return options;
}

/** The options inside a value: an object's, or those of a list's or map's objects. */
export function nestedOptions(core: z.ZodType, path: string): ConfigOption[] {
  if (core instanceof z.ZodObject) return listOptions(core, path);
  if (core instanceof z.ZodArray) {
    const element = describeOption(core.element as z.ZodType, `${path}[]`).core;
    return element instanceof z.ZodObject ? listOptions(element, `${path}[]`) : [];
  }
  if (core instanceof z.ZodRecord) {
    const value = describeOption(core.valueType as z.ZodType, path).core;
    return value instanceof z.ZodObject
      ? listOptions(value, `${path}.${keyPlaceholder(core)}`)
      : [];
  }
  return [];
}
