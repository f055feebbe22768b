import type { TargetConfig } from "../actions/target-schema.ts";
import type { CompiledRoute } from "../routing/compile-route.ts";
import type { SourceConfig } from "../sources/source-schema.ts";
import type { CompiledCondition } from "../routing/compile-condition.ts";
import type { Verifier } from "../sources/verifiers/compile-verifiers.ts";
import type { CompiledTemplate } from "../templates/compile-template.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import type { RoutesFile } from "./routes-schema.ts";

export interface CompiledSource {
  name: string;
  /** The preset's settings with the source's own over them. */
  config: SourceConfig;
  preset?: string;
  /** Every check a request must pass, in order. */
  verifiers: Verifier[];
  dedupe?: CompiledTemplate;
  /** Marks a sender's test request: answered, not stored. */
  ping?: CompiledCondition;
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
