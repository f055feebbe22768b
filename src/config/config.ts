import type { TargetConfig } from "../targets/target-schema.ts";
import type { CompiledRoute } from "../routing/compile-route.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import type { CompiledSource } from "../sources/compile-source.ts";
import type { RoutesFile } from "./routes-schema.ts";

/** A loaded, validated and compiled routes.yaml. */
export interface Config {
  file: string;
  settings: Pick<
    RoutesFile,
    "server" | "storage" | "delivery" | "templates" | "admin" | "alerts" | "metrics"
  >;
  targets: Record<string, TargetConfig>;
  sources: Map<string, CompiledSource>;
  routes: CompiledRoute[];
  functions: TemplateFunctions;
  /** Values resolved from the environment under targets, sources, admin and metrics, and the admin and metrics tokens; never shown. */
  secrets: Set<string>;
  /** The `${VAR}`s each value was written with, by dotted path (`targets.bothelp.client_secret`). */
  variables: Map<string, string[]>;
}
