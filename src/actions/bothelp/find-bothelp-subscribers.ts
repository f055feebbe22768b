import type { BothelpContext } from "../../targets/bothelp/bothelp-context.ts";
import { ActionError } from "../../targets/action-error.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";

/** A subscriber as `GET /v1/subscribers/` lists it (id and cuid always; the rest as given). */
export interface BothelpSubscriberResource {
  id: number;
  cuid: string;
  [field: string]: unknown;
}

export interface SubscriberFilter {
  email?: string;
  phone?: string;
  /** Unix seconds. */
  createdAtAfter?: number;
}

/**
 * Every subscriber matching the filter, following the `after` cursor page by page, up to
 * `maxPages` pages. `truncated` says more were left. In dry run the pages are the dry-run
 * answers; `unanswered` says there was none to read (a call made with no answers at hand).
 */
export async function findBothelpSubscribers(
  context: BothelpContext,
  filter: SubscriberFilter,
  maxPages: number,
): Promise<{ subscribers: BothelpSubscriberResource[]; truncated: boolean; unanswered?: true }> {
  const operation = bothelpOperation("find_subscribers", context.target.operations);
  const subscribers: BothelpSubscriberResource[] = [];
  let after: number | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const response = await callBothelp(context, {
      operation,
      query: { ...filter, ...(after !== undefined ? { after } : {}) },
    });
    if (response.dryRun && response.body === null)
      return { subscribers, truncated: false, unanswered: true };
    const body = response.body as { data?: unknown; paging?: unknown } | null;
    if (!Array.isArray(body?.data)) {
      throw new ActionError(
        "bothelp_unexpected_answer",
        `GET ${operation.path} answered without a data list: ${response.text.slice(0, 200)}`,
      );
    }
    subscribers.push(...(body.data as BothelpSubscriberResource[]));
    const next = nextCursor(body.paging);
    if (next === undefined || next === after) return { subscribers, truncated: false };
    after = next;
  }
  return { subscribers, truncated: true };
}

function nextCursor(paging: unknown): number | undefined {
  if (paging === null || typeof paging !== "object") return undefined;
  const cursor = (paging as { cursor?: { after?: unknown } }).cursor;
  const after = Number(cursor?.after);
  return Number.isFinite(after) && cursor?.after != null ? after : undefined;
}
