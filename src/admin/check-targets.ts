import type { BothelpContext } from "../targets/bothelp/bothelp-context.ts";
import {
  checkBothelpReferrals,
  type ReferralCheck,
} from "../targets/bothelp/check-bothelp-referrals.ts";
import { collectBothelpReferrals } from "./collect-bothelp-referrals.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import type { Config } from "../config/config.ts";

/** One target's check: what it lists and what the routes miss, or why it could not be checked. */
export type TargetCheck =
  | ({ ok: true } & ReferralCheck)
  | { ok: false; target: string; error: string }
  | { ok: "skipped"; target: string; reason: string };

/**
 * Checks every BotHelp target the config names (all, or only those with `check_referrals` and
 * referrals to check when `onlyReferred`) against the live API: its flows, steps and sequences,
 * and the routes' referrals it does not have. Targets in dry run are skipped.
 */
export async function checkTargets(
  config: Config,
  runtimes: TargetRuntimes,
  options: { now: () => number; signal: AbortSignal; onlyReferred?: boolean },
): Promise<TargetCheck[]> {
  const referrals = collectBothelpReferrals(config);
  const checks: TargetCheck[] = [];
  for (const [name, target] of Object.entries(config.targets)) {
    if (target.type !== "bothelp") continue;
    if (
      options.onlyReferred &&
      (!target.check_referrals || !referrals.some((r) => r.target === name))
    )
      continue;
    const runtime = runtimes.get(name);
    if (target.dry_run || !runtime) {
      checks.push({ ok: "skipped", target: name, reason: "dry run: nothing is sent" });
      continue;
    }
    const context: BothelpContext = {
      target,
      targetName: name,
      http: (request) => runtime.http.send(request, { exchanges: [], signal: options.signal }),
      dryRun: false,
      shared: runtime.shared,
      now: options.now,
    };
    try {
      checks.push({ ok: true, ...(await checkBothelpReferrals(context, referrals)) });
    } catch (error) {
      checks.push({ ok: false, target: name, error: (error as Error).message });
    }
  }
  return checks;
}
