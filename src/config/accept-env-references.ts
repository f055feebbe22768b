import { ENV_REFERENCE } from "./resolve-env.ts";

type JsonSchema = Record<string, unknown>;

/** Where the `${VAR}` reference schema is kept in the JSON Schema's $defs. */
const ENV_REFERENCE_DEF = "env_reference";
const ENV_REFERENCE_REF = { $ref: `#/$defs/${ENV_REFERENCE_DEF}` };

/**
 * A string holding a `${VAR}` or `${VAR:-default}` reference somewhere (as resolveEnv replaces
 * them). The whole value need not be the reference: `${BASE:-https://x.example}/api/v4`.
 */
export const envReferenceJsonSchema: JsonSchema = {
  type: "string",
  pattern: ENV_REFERENCE,
  description: "A ${VAR} or ${VAR:-default} reference, replaced from the environment on load.",
};

/** Keywords describing a value rather than restricting it: kept on the outer schema of a wrap. */
const ANNOTATIONS = ["title", "description", "default", "examples", "deprecated"];
/** Keywords holding a map of names to subschemas. */
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
/**
 * Keywords holding one subschema. `not` and `propertyNames` are left alone: references are
 * resolved in values only, and inside `not` accepting more would reject more.
 */
const SCHEMA_SLOTS = ["additionalProperties", "items", "contains", "if", "then", "else"];
/** Keywords holding a list of subschemas; anyOf is handled on its own (rewriteAnyOf). */
const SCHEMA_LISTS = ["prefixItems", "allOf", "oneOf"];

/**
 * Makes the editor JSON Schema accept what the loader accepts before substitution: the config is
 * validated only after `${VAR}` references in its scalars are replaced, so in the file itself a
 * boolean, a number, or a string restricted by format, pattern, enum or const may instead be a
 * string holding a reference (`dry_run: ${BOTHELP_DRY_RUN:-true}`). Each such leaf becomes an
 * anyOf of itself and the reference schema, its description, default and examples kept outside.
 */
export function acceptEnvReferences(schema: JsonSchema): JsonSchema {
  const rewritten = rewrite(schema);
  const defs = (rewritten.$defs ?? {}) as JsonSchema;
  return { ...rewritten, $defs: { ...defs, [ENV_REFERENCE_DEF]: envReferenceJsonSchema } };
}

function rewrite(schema: JsonSchema): JsonSchema {
  if (isRestrictedLeaf(schema)) return wrap(schema);
  const result: JsonSchema = { ...schema };
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (!isObject(map)) continue;
    result[key] = Object.fromEntries(
      Object.entries(map).map(([name, value]) => [name, isObject(value) ? rewrite(value) : value]),
    );
  }
  for (const key of SCHEMA_SLOTS) {
    const value = schema[key];
    if (isObject(value)) result[key] = rewrite(value);
  }
  for (const key of SCHEMA_LISTS) {
    const list: unknown = schema[key];
    if (Array.isArray(list)) {
      result[key] = (list as unknown[]).map((item) => (isObject(item) ? rewrite(item) : item));
    }
  }
  const anyOf: unknown = schema.anyOf;
  if (Array.isArray(anyOf)) result.anyOf = rewriteAnyOf(anyOf as unknown[]);
  return result;
}

/** The alternatives of an anyOf: restricted ones stay as they are and one reference is added. */
function rewriteAnyOf(options: unknown[]): unknown[] {
  const restricted = options.some((option) => isObject(option) && isRestrictedLeaf(option));
  const rewritten = options.map((option) =>
    isObject(option) && !isRestrictedLeaf(option) ? rewrite(option) : option,
  );
  return restricted ? [...rewritten, ENV_REFERENCE_REF] : rewritten;
}

function wrap(schema: JsonSchema): JsonSchema {
  const outer: JsonSchema = {};
  const inner: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    (ANNOTATIONS.includes(key) ? outer : inner)[key] = value;
  }
  return { ...outer, anyOf: [inner, ENV_REFERENCE_REF] };
}

/** A schema with no subschemas that rejects some string a reference could be written as. */
function isRestrictedLeaf(schema: JsonSchema): boolean {
  if (["anyOf", "oneOf", "allOf", "not", "$ref", "properties", "items"].some((k) => k in schema)) {
    return false;
  }
  if (["enum", "const", "pattern", "format"].some((key) => key in schema)) return true;
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  return (
    !types.includes("string") &&
    types.some((type) => type === "boolean" || type === "number" || type === "integer")
  );
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
