import type { z } from "zod";
import type { ActionContext, TargetOf } from "./action-context.ts";
import type { ActionSpec } from "./action-spec.ts";
import type { TargetType } from "../targets/target-schema.ts";

/** An action: what routes.yaml and the docs know of it, and how it runs. */
export interface Action extends ActionSpec {
  /** Runs with params already rendered and validated by `params`; resolves to the step's output. */
  run(params: unknown, context: ActionContext): Promise<unknown>;
}

/**
 * Declares an action once: type, target kind, summary, params schema, examples and run. The
 * params schema is the single source of its validation (at load and after rendering), its type
 * in `run`, its JSON Schema for editors and its section of docs/actions.md.
 */
export function defineAction<P extends z.ZodType, K extends TargetType>(
  definition: ActionSpec & {
    target: K;
    params: P;
    run(params: z.output<P>, context: ActionContext<TargetOf<K>>): Promise<unknown>;
  },
): Action {
  return {
    ...definition,
    run: (params, context) =>
      definition.run(params as z.output<P>, context as ActionContext<TargetOf<K>>),
  };
}
