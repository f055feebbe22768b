import type { TargetCheckReport } from "../target-check.ts";
import type { ReferralCheck } from "./check-bothelp-referrals.ts";

/**
 * A referral check as `targets check` prints it (flows with their steps, sequences, what is
 * missing) and as serve logs it (each missing referral a warning: the API accepts it silently).
 */
export function reportBothelpReferrals(check: ReferralCheck): TargetCheckReport {
  const lines = [`  flows (${check.flows.length}):`];
  for (const flow of check.flows) {
    lines.push(`    ${flow.referral}  ${flow.title}`);
    for (const step of flow.steps ?? []) lines.push(`      step ${step.referral}  ${step.title}`);
  }
  lines.push(`  sequences (${check.sequences.length}):`);
  for (const sequence of check.sequences) lines.push(`    ${sequence.referral}  ${sequence.title}`);
  if (check.missing.length === 0)
    lines.push("  every flow, step and sequence the routes name exists");
  else lines.push(`  missing (${check.missing.length}):`);
  for (const m of check.missing) {
    const of = m.kind === "step" ? ` of flow ${m.flow ?? "?"}` : "";
    lines.push(`    ${m.kind} ${m.referral}${of}: route ${m.route}, action ${m.action + 1}`);
  }
  return {
    lines,
    missing: check.missing.map((m) => ({
      fields: { route_id: m.route, action: m.action + 1, kind: m.kind, referral: m.referral },
      message: `BotHelp has no ${m.kind} ${m.referral}${m.kind === "step" ? ` in flow ${m.flow ?? "?"}` : ""}: the API accepts it silently and nothing happens`,
    })),
    summary: "every BotHelp flow, step and sequence in the routes exists",
  };
}
