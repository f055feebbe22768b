import type { Action } from "../actions/define-action.ts";
import type { Exchange } from "../core/exchange.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { WhyNot } from "../routing/compile-condition.ts";
import type { CompiledRoute } from "../routing/compile-route.ts";
import { ActionError } from "../targets/action-error.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import { eventContext } from "../templates/event-context.ts";
import type { TemplateSettings } from "../templates/template-functions.ts";
import { createDryRunAnswers } from "./create-dry-run-answers.ts";
import { renderAction } from "./render-action.ts";

/** One action of a previewed route: what it would send, what it would get, what follows from it. */
export interface PreviewedAction {
  index: number;
  type: string;
  target: string;
  id?: string;
  /**
   * ran: run against its target in dry run; skipped: its `when` is false; pending: it needs the
   * output of an earlier action the preview does not know (one that would fail, or whose target's
   * answer is unknown: declare a dry_run_answer); error: it would fail.
   */
  status: "ran" | "skipped" | "pending" | "error";
  /** Its params as rendered (values still waiting for an earlier output shown as `<pending: ...>`). */
  params?: unknown;
  /** Problems the action's own schema finds in the rendered params. */
  problems?: string[];
  error?: string;
  why?: WhyNot;
  /** The requests it would send, each with the dry-run answer it got (response_body). */
  requests?: Exchange[];
  /** Its output, as later actions see it (`steps.<id>`). */
  output?: unknown;
}

export interface PreviewDeps {
  actions: ReadonlyMap<string, Action>;
  /** The targets, every one in dry run (createTargetRuntimes with `dryRun`). */
  targets: TargetRuntimes;
  templates: TemplateSettings;
  /** One-off answers by action id (explain --answer), used instead of dry_run_answer. */
  answers?: ReadonlyMap<string, unknown>;
  now: () => number;
}

const PENDING = (text: string) => `<pending: ${text.trim()}>`;

/**
 * Runs a matched route's actions for an event as a dry-run delivery would, sending nothing: each
 * action is rendered from the event and the outputs of the actions before it, validated, and run
 * against its target in dry run, whose answers (declared, one-off or built in) make its output.
 * What `botbridge explain` and the console's Try it show.
 */
export async function previewActions(
  route: CompiledRoute,
  event: InboundEvent,
  deps: PreviewDeps,
): Promise<PreviewedAction[]> {
  const steps: Record<string, unknown> = {};
  const cache = new Map<string, unknown>();
  const signal = new AbortController().signal;
  const previewed: PreviewedAction[] = [];
  /** An earlier action would fail or answers what the preview cannot know. */
  let unknown = false;
  for (const action of route.actions) {
    const base = {
      index: action.index,
      type: action.type,
      target: action.target,
      ...(action.id ? { id: action.id } : {}),
    };
    const context = eventContext(event, steps);
    const definition = deps.actions.get(action.type);
    let params: unknown;
    try {
      if (unknown && (action.when?.usesSteps || action.params.usesSteps)) {
        const rendered = await action.params.render(context, (t) => PENDING(t.text));
        previewed.push({ ...base, status: "pending", params: rendered });
        continue;
      }
      if (action.when) {
        const result = await action.when.evaluate(context);
        if (!result.matched) {
          previewed.push({ ...base, status: "skipped", why: result.why });
          continue;
        }
      }
      const target = deps.targets.get(action.target);
      if (!definition || !target)
        throw new ActionError("unknown_target", `no ${action.type} on target ${action.target}`);
      const rendered = await renderAction(action, definition, context);
      params = rendered.rendered;
      if (rendered.status === "invalid") {
        previewed.push({ ...base, status: "error", params, problems: rendered.problems });
        unknown = true;
        continue;
      }
      const requests: Exchange[] = [];
      const override = action.id ? deps.answers?.get(action.id) : undefined;
      const answers = createDryRunAnswers({
        action,
        definition,
        params: rendered.params,
        context,
        ...(override !== undefined ? { override } : {}),
      });
      const output = await definition.run(rendered.params, {
        target: target.config,
        targetName: target.name,
        http: (request) =>
          target.http.send(request, { exchanges: requests, signal, answer: answers.answer }),
        dryRun: true,
        shared: target.shared,
        cache,
        event,
        templates: deps.templates,
        signal,
        now: deps.now,
      });
      if (action.id) {
        steps[action.id] = output ?? null;
        unknown ||= answers.unanswered;
      }
      previewed.push({ ...base, status: "ran", params, requests, output: output ?? null });
    } catch (error) {
      previewed.push({
        ...base,
        status: "error",
        ...(params !== undefined ? { params } : {}),
        error: (error as Error).message,
      });
      unknown = true;
    }
  }
  return previewed;
}
