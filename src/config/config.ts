import type { TargetConfig } from "../actions/target-schema.ts";
import type { CompiledRoute } from "../routing/compile-route.ts";
import type { SourceConfig } from "../sources/source-schema.ts";
import type { CompiledTemplate } from "../templates/compile-template.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import type { RoutesFile } from "./routes-schema.ts";

export interface CompiledSource {
  name: string;
  config: SourceConfig;
  dedupe?: CompiledTemplate;
}

/** A loaded, validated and compiled routes.yaml. */
export interface Config {
  file: string;
  settings: Pick<RoutesFile, "server" | "storage" | "delivery" | "templates">;
  targets: Record<string, TargetConfig>;
  sources: Map<string, CompiledSource>;
  routes: CompiledRoute[];
  functions: TemplateFunctions;
  /** Values resolved from the environment under targets and sources; never shown. */
  secrets: Set<string>;
}
