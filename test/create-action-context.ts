import type { ActionContext, TargetOf } from "../src/actions/action-context.ts";
import type { Action } from "../src/actions/define-action.ts";
import { templatesSchema } from "../src/config/templates-schema.ts";
import type { Exchange } from "../src/core/exchange.ts";
import type { InboundEvent } from "../src/core/inbound-event.ts";
import { issueMessage } from "../src/core/issue-message.ts";
import { newEventId } from "../src/core/new-event-id.ts";
import { createMasker } from "../src/targets/mask-secrets.ts";
import { createRateLimits } from "../src/targets/rate-limits.ts";
import { createTargetRuntimes } from "../src/targets/target-runtimes.ts";
import { targetSchema, type TargetType } from "../src/targets/target-schema.ts";
import type { TemplateSettings } from "../src/templates/template-functions.ts";

export interface TestActionContext<K extends TargetType> {
  /** What the action's `run` gets. */
  context: ActionContext<TargetOf<K>>;
  /** The exchanges the action's calls recorded, masked, as an attempt would store them. */
  exchanges: Exchange[];
  /** Validates `params` with the action's schema (as the dispatcher does once they are rendered), then runs it. */
  run(action: Action, params: unknown): Promise<unknown>;
  /** Closes the target's connections. */
  close(): Promise<void>;
}

/**
 * The context of one action run without a server, to unit-test an action: the target as
 * routes.yaml would declare it (`settings` read by the target schema, defaults filled in), its
 * real HTTP client (point it at a fake on loopback, or set dry_run), an event, the template
 * settings, and a fresh delivery cache. `secrets` are masked in the exchanges, as the values the
 * config took from the environment are.
 */
export function createActionContext<K extends TargetType>(
  settings: { type: K } & Record<string, unknown>,
  options: {
    name?: string;
    event?: Partial<InboundEvent>;
    templates?: Partial<TemplateSettings>;
    secrets?: string[];
    now?: () => number;
  } = {},
): TestActionContext<K> {
  const name = options.name ?? settings.type;
  const config = targetSchema.parse(settings) as TargetOf<K>;
  const now = options.now ?? Date.now;
  const targets = createTargetRuntimes(
    { [name]: config },
    {
      masker: createMasker(new Set(options.secrets)),
      rateLimits: createRateLimits(now),
      defaultTimeoutMs: 5_000,
      maxResponseSize: 1024 * 1024,
    },
  );
  const target = targets.get(name)!;
  const exchanges: Exchange[] = [];
  const abort = new AbortController();
  const context: ActionContext<TargetOf<K>> = {
    target: config,
    targetName: name,
    http: (request) => target.http.send(request, { exchanges, signal: abort.signal }),
    dryRun: config.dry_run,
    shared: target.shared,
    cache: new Map(),
    event: {
      id: newEventId(now()),
      source: "forms",
      received_at: new Date(now()).toISOString(),
      method: "POST",
      path: "/hooks/forms",
      query: {},
      headers: {},
      content_type: "application/json",
      body: {},
      ...options.event,
    },
    templates: templatesSchema.parse(options.templates ?? {}),
    signal: abort.signal,
    now,
  };
  return {
    context,
    exchanges,
    async run(action, params) {
      return action.run(action.params.parse(params, { error: issueMessage }), context);
    },
    async close() {
      abort.abort();
      await targets.close();
    },
  };
}
