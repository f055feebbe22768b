import type { TargetCheck } from "../admin/check-targets.ts";

/** `botbridge targets check` as text: each target's flows (with steps), sequences and misses. */
export function formatTargetChecks(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) return "no BotHelp targets to check";
  const lines: string[] = [];
  for (const check of checks) {
    if (check.ok === "skipped") {
      lines.push(`${check.target}: skipped (${check.reason})`);
      continue;
    }
    if (!check.ok) {
      lines.push(`${check.target}: could not check: ${check.error}`);
      continue;
    }
    lines.push(`${check.target}:`, `  flows (${check.flows.length}):`);
    for (const flow of check.flows) {
      lines.push(`    ${flow.referral}  ${flow.title}`);
      for (const step of flow.steps ?? []) lines.push(`      step ${step.referral}  ${step.title}`);
    }
    lines.push(`  sequences (${check.sequences.length}):`);
    for (const sequence of check.sequences)
      lines.push(`    ${sequence.referral}  ${sequence.title}`);
    if (check.missing.length === 0) {
      lines.push("  every flow, step and sequence the routes name exists");
      continue;
    }
    lines.push(`  missing (${check.missing.length}):`);
    for (const m of check.missing) {
      const of = m.kind === "step" ? ` of flow ${m.flow ?? "?"}` : "";
      lines.push(`    ${m.kind} ${m.referral}${of}: route ${m.route}, action ${m.action + 1}`);
    }
  }
  return lines.join("\n");
}
