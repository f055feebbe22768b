import { ActionError } from "../action-error.ts";
import type { BothelpContext } from "./bothelp-context.ts";
import { bothelpOperation, type BothelpOperationName } from "./bothelp-operations.ts";
import { callBothelp } from "./call-bothelp.ts";

/** A flow, step or sequence referral written in the routes, and where. */
export interface RouteReferral {
  target: string;
  kind: "flow" | "step" | "sequence";
  referral: string;
  /** For a step: its flow. */
  flow?: string;
  route: string;
  /** 0-based index of the action in its route. */
  action: number;
}

export interface BothelpReferralItem {
  title: string;
  referral: string;
}

export interface BothelpFlowItem extends BothelpReferralItem {
  steps?: BothelpReferralItem[];
}

export interface ReferralCheck {
  target: string;
  flows: BothelpFlowItem[];
  sequences: BothelpReferralItem[];
  /** Referrals the routes use that BotHelp does not list. */
  missing: RouteReferral[];
}

/**
 * One BotHelp target's active flows (`GET /v1/bots/`), the steps of the flows the routes start
 * at a step (`GET /v1/bots/{ref}/steps`) and its sequences (`GET /v1/funnels/`), and which of
 * the routes' referrals are not among them.
 */
export async function checkBothelpReferrals(
  context: BothelpContext,
  referrals: readonly RouteReferral[],
): Promise<ReferralCheck> {
  const own = referrals.filter((r) => r.target === context.targetName);
  const flows: BothelpFlowItem[] = await list(context, "list_flows");
  const sequences = await list(context, "list_sequences");
  const stepFlows = new Set(own.flatMap((r) => (r.kind === "step" && r.flow ? [r.flow] : [])));
  for (const flow of flows) {
    if (stepFlows.has(flow.referral)) flow.steps = await list(context, "list_steps", flow.referral);
  }
  const known = (r: RouteReferral): boolean => {
    if (r.kind === "sequence") return sequences.some((s) => s.referral === r.referral);
    const flow = flows.find((f) => f.referral === (r.kind === "flow" ? r.referral : r.flow));
    if (r.kind === "flow") return flow !== undefined;
    return flow?.steps?.some((s) => s.referral === r.referral) ?? false;
  };
  return { target: context.targetName, flows, sequences, missing: own.filter((r) => !known(r)) };
}

async function list(
  context: BothelpContext,
  name: BothelpOperationName,
  flow?: string,
): Promise<BothelpReferralItem[]> {
  const operation = bothelpOperation(name, context.target.operations);
  const response = await callBothelp(context, { operation, ...(flow ? { flow } : {}) });
  if (!Array.isArray(response.body)) {
    throw new ActionError(
      "bothelp_unexpected_answer",
      `GET ${operation.path} answered without a list: ${response.text.slice(0, 200)}`,
    );
  }
  return (response.body as Record<string, unknown>[]).map((item) => ({
    title: typeof item.title === "string" ? item.title : "",
    referral: String(item.referral),
  }));
}
