import type { TargetCheckReport } from "../targets/target-check.ts";
import type { TargetContext } from "../targets/target-context.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import { targetKindOf } from "../targets/targets.ts";
import type { Config } from "../config/config.ts";
import { collectTargetUses } from "./collect-target-uses.ts";

/** One target's check: what it found, or why it could not be checked. */
export type TargetCheck =
  | { ok: true; target: string; report: TargetCheckReport }
  | {
      ok: false;
      target: string;
      /** What could not be checked, e.g. "BotHelp referrals". */
      what: string;
      error: string;
    }
  | { ok: "skipped"; target: string; reason: string };

/**
 * Runs the start-up check of every target whose kind has one (all, or at start only those the
 * kind says are worth it, e.g. BotHelp with `check_referrals` and referrals to check) against
 * its live account and the routes' uses of it. Targets in dry run are skipped.
 */
export async function checkTargets(
  config: Config,
  runtimes: TargetRuntimes,
  options: { now: () => number; signal: AbortSignal; atStart?: boolean },
): Promise<TargetCheck[]> {
  const uses = collectTargetUses(config);
  const checks: TargetCheck[] = [];
  for (const [name, target] of Object.entries(config.targets)) {
    const kind = targetKindOf(target.type);
    const { check } = kind;
    if (!check) continue;
    const own = uses.filter((use) => use.target === name);
    if (options.atStart && !check.atStart(target, own)) continue;
    const runtime = runtimes.get(name);
    if (target.dry_run || !runtime) {
      checks.push({ ok: "skipped", target: name, reason: "dry run: nothing is sent" });
      continue;
    }
    const context: TargetContext<typeof target> = {
      target,
      targetName: name,
      http: (request) => runtime.http.send(request, { exchanges: [], signal: options.signal }),
      dryRun: false,
      shared: runtime.shared,
      now: options.now,
    };
    try {
      checks.push({ ok: true, target: name, report: await check.run(context, own) });
    } catch (error) {
      const what = `${kind.title} ${check.subject}`;
      checks.push({ ok: false, target: name, what, error: (error as Error).message });
    }
  }
  return checks;
}
