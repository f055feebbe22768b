import type { TargetRequest, TargetResponse } from "./target-http.ts";

/**
 * What code calling one configured target sees: an action's run (which gets more, see
 * ActionContext), a target kind's client such as BotHelp's token, or its start-up check.
 */
export interface TargetContext<T> {
  /** The target's settings (from the current config). */
  target: T;
  targetName: string;
  /** Calls the target (recorded in the caller's attempt; in dry run, recorded and not sent). */
  http(request: TargetRequest): Promise<TargetResponse>;
  dryRun: boolean;
  /** Kept for the target across deliveries in this process, e.g. an OAuth token. */
  shared: Map<string, unknown>;
  now(): number;
}
