import type { Action } from "../actions/define-action.ts";
import type { DryRunCall } from "../actions/dry-run-default.ts";
import type { CompiledAction } from "../routing/compile-route.ts";
import type { TargetRequest } from "../targets/target-http.ts";
import type { TemplateContext } from "../templates/template-context.ts";

/** What a target in dry run answers one action's calls. */
export interface DryRunAnswers {
  /** The answer (a response body) to one call: CallScope's `answer`. */
  answer: (request: TargetRequest) => Promise<unknown>;
  /** True once a call had no answer at all (none declared, none built in): its output is unknown. */
  readonly unanswered: boolean;
}

/**
 * The answers of a target in dry run to one action: its first call gets the declared answer (a
 * one-off `override` such as `explain --answer`, used as it is; else the item's or the target's
 * dry_run_answer, rendered over what the params see plus `params` and `request`); any other call,
 * or a first call with nothing declared, gets the action's built-in answer. For BotHelp actions
 * that look a subscriber up, the first call is the lookup. Used by dry-run deliveries and by
 * previews (explain, the console's Try it).
 */
export function createDryRunAnswers(input: {
  action: Pick<CompiledAction, "dryRunAnswer">;
  definition: Pick<Action, "dryRunAnswer">;
  params: unknown;
  context: TemplateContext;
  override?: unknown;
}): DryRunAnswers {
  let calls = 0;
  let unanswered = false;
  return {
    get unanswered() {
      return unanswered;
    },
    answer: async (request) => {
      const call: DryRunCall = { params: input.params, request: requestOf(request) };
      const first = calls++ === 0;
      if (first && input.override !== undefined) return input.override;
      if (first && input.action.dryRunAnswer)
        return input.action.dryRunAnswer.render({ ...input.context, ...call });
      const answer = input.definition.dryRunAnswer?.answer(call) ?? null;
      if (answer === null) unanswered = true;
      return answer;
    },
  };
}

/** The request as a dry-run answer sees it: method, path, query, and the body (JSON or form). */
function requestOf(request: TargetRequest): DryRunCall["request"] {
  const body = request.json ?? request.form;
  return {
    method: request.method,
    path: request.path,
    query: request.query ?? {},
    ...(body !== undefined ? { body } : {}),
  };
}
