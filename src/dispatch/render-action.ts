import type { Action } from "../actions/define-action.ts";
import { formatIssues } from "../core/format-issues.ts";
import { issueMessage } from "../core/issue-message.ts";
import { formatProblem } from "../core/problem.ts";
import type { CompiledAction } from "../routing/compile-route.ts";
import type { CompiledTemplate } from "../templates/compile-template.ts";
import type { TemplateContext } from "../templates/template-context.ts";

/** An action's params, rendered (`rendered`) and judged by the action's own schema. */
export type CheckedParams =
  /** They fit: `params` is what the schema made of them (defaults filled in), ready to run. */
  | { status: "valid"; rendered: unknown; params: unknown }
  /** They do not fit: each problem as `type.path: message`. */
  | { status: "invalid"; rendered: unknown; problems: string[] };

/** Or not judged: some values wait for earlier actions' outputs, or the action type is unknown. */
export type RenderedAction = CheckedParams | { status: "unchecked"; rendered: unknown };

/**
 * Renders an action's params from the event (and earlier actions' outputs) and validates them
 * with the action's own schema: what the dispatcher runs and what `explain` shows. A template
 * that fails to render throws its TemplateError. With `pending` (explain runs no action, so has no
 * outputs), templates that read `steps.*` render as `pending` says and the params are not judged.
 */
export async function renderAction(
  action: Pick<CompiledAction, "type" | "params">,
  definition: Pick<Action, "params">,
  context: TemplateContext,
): Promise<CheckedParams>;
export async function renderAction(
  action: Pick<CompiledAction, "type" | "params">,
  definition: Pick<Action, "params"> | undefined,
  context: TemplateContext,
  pending: (template: CompiledTemplate) => unknown,
): Promise<RenderedAction>;
export async function renderAction(
  action: Pick<CompiledAction, "type" | "params">,
  definition: Pick<Action, "params"> | undefined,
  context: TemplateContext,
  pending?: (template: CompiledTemplate) => unknown,
): Promise<RenderedAction> {
  const rendered = await action.params.render(context, pending);
  if (!definition || (pending && action.params.usesSteps)) return { status: "unchecked", rendered };
  const parsed = definition.params.safeParse(rendered, { error: issueMessage });
  if (parsed.success) return { status: "valid", rendered, params: parsed.data };
  const problems = formatIssues(parsed.error.issues, rendered).map((p) =>
    formatProblem({ ...p, path: [action.type, ...p.path] }),
  );
  return { status: "invalid", rendered, problems };
}
