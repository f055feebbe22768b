import type { CompiledRoute } from "../routing/compile-route.ts";
import type { CompiledSource } from "../sources/compile-source.ts";

/**
 * The slice of the loaded configuration that receiving a hook reads: the sources, the routes
 * and the fields masked before storage. `main.ts` cuts it from each loaded routes.yaml.
 */
export interface IngestRules {
  sources: ReadonlyMap<string, CompiledSource>;
  routes: readonly CompiledRoute[];
  /** `storage.redact`: body fields masked before the event is stored. */
  redact: readonly string[];
  /** `server.depth_limit`: deeper bodies are refused with 400 body_too_deep. */
  depthLimit: number;
  /** `templates.default_country`: phone numbers in stored events are searchable in E.164. */
  defaultCountry: string;
}
