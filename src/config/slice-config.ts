import type { IngestRules } from "../ingest/ingest-rules.ts";
import type { Config } from "./config.ts";

/** What receiving a hook reads of a loaded routes.yaml. */
export function ingestRulesOf(config: Config): IngestRules {
  return {
    sources: config.sources,
    routes: config.routes,
    redact: config.settings.storage.redact,
    depthLimit: config.settings.server.depth_limit,
    defaultCountry: config.settings.templates.default_country,
  };
}
