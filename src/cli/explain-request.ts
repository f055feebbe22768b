import type { Action } from "../actions/define-action.ts";
import type { Config } from "../config/config.ts";
import { formatPath } from "../config/config-problem.ts";
import { formatIssues } from "../config/format-issues.ts";
import { issueMessage } from "../config/issue-message.ts";
import type { WhyNot } from "../routing/compile-condition.ts";
import { selectRoutes } from "../routing/select-routes.ts";
import type { HookRequest } from "../sources/hook-request.ts";
import type { InboundEvent } from "../sources/inbound-event.ts";
import { readEvent } from "../sources/read-event.ts";
import { eventContext } from "../templates/event-context.ts";

export interface ExplainedAction {
  index: number;
  type: string;
  target: string;
  id?: string;
  /** ran: would run; skipped: its `when` is false; pending: its `when` reads steps.*; error: it would fail. */
  status: "ran" | "skipped" | "pending" | "error";
  params?: unknown;
  /** Problems the action's own schema finds in the rendered params (not checked while steps.* are pending). */
  problems?: string[];
  error?: string;
  why?: WhyNot;
}

export interface Explanation {
  event: InboundEvent;
  routes: {
    id: string;
    matched: boolean;
    why?: WhyNot;
    order_key?: string | null;
    actions?: ExplainedAction[];
  }[];
  dedupe_key?: string | null;
}

const PENDING = (text: string) => `<pending: ${text.trim()}>`;

/**
 * What a request would become, sending nothing: the parsed event, every route of its source with
 * whether it matched and why not, and each matched route's actions with rendered params. Values
 * that need earlier actions' outputs (steps.*) are shown as pending.
 */
export async function explainRequest(
  config: Config,
  actions: ReadonlyMap<string, Action>,
  request: HookRequest,
  now = Date.now(),
): Promise<Explanation> {
  const event = await readEvent(request, now);
  const context = eventContext(event);
  const selection = await selectRoutes(config.routes, context);
  const routes: Explanation["routes"] = [];
  for (const route of config.routes.filter((r) => r.source === event.source)) {
    const miss = selection.unmatched.find((u) => u.route === route);
    if (miss) {
      routes.push({ id: route.id, matched: false, why: miss.why });
      continue;
    }
    const explained: ExplainedAction[] = [];
    for (const action of route.actions) {
      const base = {
        index: action.index,
        type: action.type,
        target: action.target,
        ...(action.id ? { id: action.id } : {}),
      };
      try {
        if (action.when) {
          const result = await action.when.evaluate(context);
          if (!result.matched) {
            explained.push({ ...base, status: "skipped", why: result.why });
            continue;
          }
        }
        const params = await action.params.render(context, (t) => PENDING(t.text));
        const definition = actions.get(action.type);
        const checked =
          action.params.usesSteps || !definition
            ? undefined
            : definition.params.safeParse(params, { error: issueMessage });
        const problems =
          checked && !checked.success
            ? formatIssues(checked.error.issues, params).map(
                (p) => `${formatPath([action.type, ...p.path])}: ${p.message}`,
              )
            : undefined;
        explained.push({
          ...base,
          status: problems ? "error" : "ran",
          params,
          ...(problems ? { problems } : {}),
        });
      } catch (error) {
        explained.push({ ...base, status: "error", error: (error as Error).message });
      }
    }
    const orderKey = route.orderBy
      ? await renderForDisplay(route.orderBy.render(context))
      : undefined;
    routes.push({
      id: route.id,
      matched: true,
      actions: explained,
      ...(orderKey !== undefined ? { order_key: orderKey } : {}),
    });
  }
  const source = config.sources.get(event.source);
  const dedupe = source?.dedupe ? await renderForDisplay(source.dedupe.render(context)) : undefined;
  return { event, routes, ...(dedupe !== undefined ? { dedupe_key: dedupe } : {}) };
}

/** A rendered key as text: absent is null, an error is shown in its place. */
async function renderForDisplay(rendering: Promise<unknown>): Promise<string | null> {
  try {
    const value = await rendering;
    return value === undefined || value === null
      ? null
      : typeof value === "string"
        ? value
        : JSON.stringify(value);
  } catch (error) {
    return `<error: ${(error as Error).message}>`;
  }
}
