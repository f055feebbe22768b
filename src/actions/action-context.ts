import type { InboundEvent } from "../core/inbound-event.ts";
import type { TemplateSettings } from "../templates/template-functions.ts";
import type { TargetRequest, TargetResponse } from "../targets/target-http.ts";
import type { TargetConfig } from "../targets/target-schema.ts";

/** What an action's `run` gets besides its params. */
export interface ActionContext<T extends TargetConfig = TargetConfig> {
  /** The target's settings (from the current config). */
  target: T;
  targetName: string;
  /** Calls the target (recorded in this attempt; in dry run, recorded and not sent). */
  http(request: TargetRequest): Promise<TargetResponse>;
  dryRun: boolean;
  /** Kept for the target across deliveries in this process, e.g. an OAuth token. */
  shared: Map<string, unknown>;
  /** Kept for this delivery across its actions in this process, e.g. a subscriber lookup. */
  cache: Map<string, unknown>;
  event: InboundEvent;
  templates: TemplateSettings;
  signal: AbortSignal;
  now(): number;
}

export type TargetOf<K extends TargetConfig["type"]> = Extract<TargetConfig, { type: K }>;

export type { TargetRequest, TargetResponse };
