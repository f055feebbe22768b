import { z } from "zod";
import type { Endpoint } from "./define-endpoint.ts";
import { OPERATOR_ENDPOINTS } from "./operator-endpoints.ts";
import { errorResponse } from "./response-schemas.ts";

type JsonObject = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document of /api/v1, made from the endpoints' zod schemas (docs/openapi.json).
 * Schemas with an id become components; the rest are inlined.
 */
export function createOpenApi(endpoints: readonly Endpoint[] = OPERATOR_ENDPOINTS): JsonObject {
  const components: Record<string, unknown> = {};
  const convert = (schema: z.ZodType, io: "input" | "output"): JsonObject => {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
    const { $schema: _schema, $defs, ...rest } = tidy(json) as JsonObject;
    Object.assign(components, $defs ?? {});
    return rest;
  };
  const error = convert(errorResponse, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const parameters = [
      ...[...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...queryParameters(endpoint.query ? convert(endpoint.query, "input") : undefined),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, { description, schema }] of Object.entries(endpoint.responses))
      responses[status] = {
        description,
        content: { "application/json": { schema: convert(schema, "output") } },
      };
    const errors: Record<number, string> = {
      401: "unauthorized: no token, or not one of admin.token",
      ...endpoint.errors,
    };
    for (const [status, description] of Object.entries(errors))
      responses[status] = { description, content: { "application/json": { schema: error } } };
    const operations = (paths[endpoint.path] ??= {});
    operations[endpoint.method] = {
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(endpoint.body
        ? {
            requestBody: {
              required: false,
              content: { "application/json": { schema: convert(endpoint.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "botbridge operator API",
      version: "1",
      description:
        "Find what happened to every webhook, retry, cancel, replay, pause a target. Every request carries `Authorization: Bearer <token>` (admin.token, BOTBRIDGE_ADMIN_TOKEN, or the generated admin-token file). Lists are cursor pages `{data, next_cursor}`; times are ISO 8601.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: Object.fromEntries(
        Object.entries(components).sort(([a], [b]) => a.localeCompare(b)),
      ),
    },
  };
}

function queryParameters(schema: JsonObject | undefined): JsonObject[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      ...(description ? { description } : {}),
      ...(required.has(name) && rest.default === undefined ? { required: true } : {}),
      schema: rest,
    };
  });
}

/** $defs refs pointed at components, and the long date-time patterns left to `format`. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const object = value as JsonObject;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(object)) {
    if (key === "pattern" && object.format === "date-time") continue;
    out[key] =
      key === "$ref" && typeof inner === "string"
        ? inner.replace("#/$defs/", "#/components/schemas/")
        : tidy(inner);
  }
  return out;
}
