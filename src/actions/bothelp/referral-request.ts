import type { BothelpOperation } from "./bothelp-operations.ts";

/**
 * Where a DELETE's referral goes, as the operation's `referral_in` says: a JSON body (the API
 * wants one: without it, "json_decode error"), the query, or both. No referral: `{}`.
 */
export function referralRequest(
  operation: BothelpOperation,
  key: "botReferral" | "funnelReferral",
  referral: string | undefined,
): { json?: unknown; query?: Record<string, string> } {
  const given = referral === undefined || referral === "" ? {} : { [key]: referral };
  const inBody = operation.referralIn !== "query";
  const inQuery = operation.referralIn !== "body";
  return {
    ...(inBody ? { json: given } : {}),
    ...(inQuery && referral ? { query: given } : {}),
  };
}
