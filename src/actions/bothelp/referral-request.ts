import type { BothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";

/**
 * Where a DELETE's referral goes, as the operation's `referral_in` says: the JSON body, the
 * query, or both. A JSON body is always sent (`{}` when the referral is elsewhere or absent):
 * without one the API answers "json_decode error".
 */
export function referralRequest(
  operation: BothelpOperation,
  key: "botReferral" | "funnelReferral",
  referral: string | undefined,
): { json: unknown; query?: Record<string, string> } {
  const given = referral === undefined || referral === "" ? {} : { [key]: referral };
  const inQuery = operation.referralIn !== "body";
  return {
    json: operation.referralIn === "query" ? {} : given,
    ...(inQuery && referral ? { query: given } : {}),
  };
}
