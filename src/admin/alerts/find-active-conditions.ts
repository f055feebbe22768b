import type { AlertConditions } from "../../config/alerts-schema.ts";
import type { FailingDeliveries } from "../../store/alert-issue-store.ts";
import type { TargetState } from "../../store/operator-store.ts";

/** A condition that holds now: the issue it keeps open, by key. */
export interface ActiveCondition {
  /** `kind:subject`: one issue per key. */
  key: string;
  kind: string;
  subject: string;
  facts: Record<string, unknown>;
}

/** What the conditions are judged on, read once per evaluation. */
export interface ConditionInputs {
  now: number;
  /** This instance's name, the subject of what only it can see (its reload, its disk). */
  host: string;
  failing: FailingDeliveries[];
  targets: TargetState[];
  /** Since when each target has been seen paused (by this evaluator), for target_paused. */
  pausedSince: ReadonlyMap<string, number>;
  /**
   * Targets paused at the previous look: their backlog is draining, so it is not (yet) a delivery
   * waiting too long (a paused target has its own issue).
   */
  recentlyPaused: ReadonlySet<string>;
  /** A reload of this instance refused, until one succeeds. */
  reloadRefused: { count: number; problem: string } | null;
  storeBytes: number | null;
  disk: { folder: string; free: number } | null;
  /** The `${VAR}`s a target's credentials were written with. */
  credentialVariables(target: string): string[];
}

/** Every condition of `alerts.conditions` that holds for these inputs. Pure. */
export function findActiveConditions(
  conditions: AlertConditions,
  inputs: ConditionInputs,
): ActiveCondition[] {
  const found: ActiveCondition[] = [];
  const add = (kind: string, subject: string, facts: Record<string, unknown>) =>
    found.push({ key: `${kind}:${subject}`, kind, subject, facts });
  const { now } = inputs;

  // a target that refused the credentials has its own issue, not a failing one too
  const refused = new Set(
    inputs.targets
      .filter((t) => t.paused_by === "credentials" && (t.paused_until ?? 0) > now)
      .map((t) => t.name),
  );
  const failing = conditions.deliveries_failing;
  if (failing.enabled) {
    const groups = new Map<string, { count: number; last_error: string | null }>();
    for (const row of inputs.failing) {
      const name = failing.per === "route" ? row.route_id : row.target;
      if (name === null || (row.target !== null && refused.has(row.target))) continue;
      const group = groups.get(name) ?? { count: 0, last_error: null };
      group.count += row.count;
      group.last_error ??= row.last_error;
      groups.set(name, group);
    }
    for (const [name, group] of groups)
      if (group.count >= failing.count)
        add("deliveries_failing", name, { per: failing.per, window: failing.window, ...group });
  }

  for (const target of inputs.targets) {
    const paused = target.paused_until !== null && target.paused_until > now;
    if (paused && target.paused_by === "credentials") {
      if (conditions.credentials_refused.enabled)
        add("credentials_refused", target.name, {
          variables: inputs.credentialVariables(target.name),
          reason: target.pause_reason ?? "",
        });
      continue;
    }
    const pause = conditions.target_paused;
    const since = inputs.pausedSince.get(target.name);
    if (
      pause.enabled &&
      paused &&
      target.paused_by !== null &&
      (pause.causes as readonly string[]).includes(target.paused_by) &&
      since !== undefined &&
      now - since >= pause.longer_than
    )
      add("target_paused", target.name, {
        cause: target.paused_by,
        since,
        reason: target.pause_reason ?? "",
      });
    const waiting = conditions.waiting_too_long;
    if (
      waiting.enabled &&
      !paused &&
      !inputs.recentlyPaused.has(target.name) &&
      target.oldest_waiting_at !== null &&
      now - target.oldest_waiting_at >= waiting.older_than
    )
      add("waiting_too_long", target.name, {
        oldest_waiting_at: target.oldest_waiting_at,
        count: target.waiting,
      });
  }

  if (conditions.reload_refused.enabled && inputs.reloadRefused)
    add("reload_refused", inputs.host, { ...inputs.reloadRefused });
  const size = conditions.store_size;
  if (size.enabled && size.above !== undefined && inputs.storeBytes !== null)
    if (inputs.storeBytes > size.above)
      add("store_size", "", { bytes: inputs.storeBytes, limit: size.above });
  const disk = conditions.disk_free;
  if (disk.enabled && inputs.disk && inputs.disk.free < disk.below)
    add("disk_free", inputs.host, { ...inputs.disk, limit: disk.below });
  return found;
}

/** Kinds only the instance that saw them can tell are over (subject: its host name). */
export const LOCAL_KINDS: ReadonlySet<string> = new Set(["reload_refused", "disk_free"]);
