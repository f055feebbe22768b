import type { InboundEvent } from "../core/inbound-event.ts";
import type { TemplateSettings } from "../templates/template-functions.ts";
import type { TargetContext } from "../targets/target-context.ts";
import type { TargetRequest, TargetResponse } from "../targets/target-http.ts";
import type { TargetConfig } from "../targets/target-schema.ts";

/** What an action's `run` gets besides its params: its target's context, and the delivery's. */
export interface ActionContext<T extends TargetConfig = TargetConfig> extends TargetContext<T> {
  /** Kept for this delivery across its actions in this process, e.g. a subscriber lookup. */
  cache: Map<string, unknown>;
  event: InboundEvent;
  templates: TemplateSettings;
  signal: AbortSignal;
}

export type TargetOf<K extends TargetConfig["type"]> = Extract<TargetConfig, { type: K }>;

export type { TargetRequest, TargetResponse };
