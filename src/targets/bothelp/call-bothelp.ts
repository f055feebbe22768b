import type { QueryValue, TargetResponse } from "../target-http.ts";
import type { BothelpContext } from "./bothelp-context.ts";
import type { BothelpOperation } from "./bothelp-operations.ts";
import { bothelpToken } from "./bothelp-token.ts";

/** Who a subscriber-scoped call is about: BotHelp's id, or its cuid. */
export type SubscriberKey = { id: number } | { cuid: string };

export interface BothelpCall {
  operation: BothelpOperation;
  subscriber?: SubscriberKey;
  /** Fills `{flow}` in the path (flow steps). */
  flow?: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
}

/**
 * One call of a BotHelp operation: the path filled in, the Bearer token, the operation's content
 * type and rate limit (shared by every delivery in the process). A 401 renews the token once and
 * the call is sent again; redirects are never followed.
 */
export async function callBothelp(
  context: BothelpContext,
  call: BothelpCall,
): Promise<TargetResponse> {
  const { operation } = call;
  const byCuid = call.subscriber !== undefined && "cuid" in call.subscriber;
  const path = operation.path
    .replace("{subscriber}", subscriberSegment(call.subscriber))
    .replace("{flow}", encodeURIComponent(call.flow ?? ""));
  const send = (token: string, retryOn401: boolean) =>
    context.http({
      method: operation.method,
      path,
      headers: { authorization: `Bearer ${token}` },
      ...(call.query ? { query: call.query } : {}),
      ...(call.json !== undefined ? { json: call.json, contentType: operation.contentType } : {}),
      rateLimit: {
        key: `bothelp:${context.targetName}:${operation.name}${byCuid ? ":cuid" : ""}`,
        perSecond: byCuid ? operation.rateLimitByCuid : operation.rateLimit,
      },
      accept: (status) => (status >= 200 && status < 300) || (retryOn401 && status === 401),
    });
  if (context.dryRun) return send("dry-run", false);
  const token = await bothelpToken(context);
  const response = await send(token, true);
  if (response.status !== 401) return response;
  return send(await bothelpToken(context, token), false);
}

function subscriberSegment(subscriber: SubscriberKey | undefined): string {
  if (subscriber === undefined) return "";
  return "id" in subscriber ? String(subscriber.id) : `cuid/${encodeURIComponent(subscriber.cuid)}`;
}
