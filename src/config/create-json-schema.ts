import { z } from "zod";
import type { ActionSpec } from "../actions/action-spec.ts";
import { acceptEnvReferences } from "./accept-env-references.ts";
import { createRoutesSchema } from "./routes-schema.ts";

/**
 * The JSON Schema of routes.yaml for editors (yaml-language-server), made from the zod schemas.
 * It checks the file as written, so `${VAR}` references stand in for typed values.
 */
export function createJsonSchema(actions: readonly ActionSpec[]): Record<string, unknown> {
  const schema = z.toJSONSchema(createRoutesSchema(actions, true), {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
  return { ...acceptEnvReferences(schema), $id: "https://botbridge.dev/schema/routes.schema.json" };
}
