import type { z } from "zod";
import type { TargetType } from "../targets/target-schema.ts";
import type { DryRunDefault } from "./dry-run-default.ts";

/** One example of an action as it is written in routes.yaml. */
export interface ActionExample {
  title: string;
  params: unknown;
}

/**
 * What routes.yaml, the JSON Schema and docs/actions.md know of an action: its type, the kind of
 * target it calls, and its params schema (the dispatch-time schema; templates are accepted in
 * its place at load time).
 */
export interface ActionSpec {
  type: string;
  target: TargetType;
  summary: string;
  description?: string;
  params: z.ZodType;
  /**
   * Top-level params that are URL paths: each `{{ }}` in them renders one path segment,
   * percent-encoded, so a payload can never choose another endpoint.
   */
  pathParams?: readonly string[];
  examples: ActionExample[];
  /** What the action's output (`steps.<id>`) holds. */
  output?: string;
  /** What its target answers in dry run when routes.yaml declares no dry_run_answer. */
  dryRunAnswer?: DryRunDefault;
}
