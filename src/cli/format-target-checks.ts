import type { TargetCheck } from "../admin/check-targets.ts";
import { TARGET_KINDS } from "../targets/targets.ts";

/** `botbridge targets check` as text: each target's report (for BotHelp: flows, steps, sequences, misses). */
export function formatTargetChecks(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) {
    const titles = TARGET_KINDS.filter((kind) => kind.check).map((kind) => kind.title);
    return `no ${titles.join(" or ")} targets to check`;
  }
  const lines: string[] = [];
  for (const check of checks) {
    if (check.ok === "skipped") lines.push(`${check.target}: skipped (${check.reason})`);
    else if (!check.ok) lines.push(`${check.target}: could not check: ${check.error}`);
    else lines.push(`${check.target}:`, ...check.report.lines);
  }
  return lines.join("\n");
}
