import { toSubscriberResource, type BothelpSubscriber } from "./bothelp-subscriber.ts";
import type { FakeResponse } from "./fake-server.ts";

/**
 * `GET /v1/subscribers/`: filters email (any case), phone (exact E.164), createdAtAfter and the
 * `after` cursor; an empty filter value counts as absent. `paging` is null on the last page.
 */
export function listSubscribers(
  subscribers: Iterable<BothelpSubscriber>,
  query: Record<string, string>,
  pageSize: number,
): FakeResponse {
  const { email, phone, createdAtAfter, after } = query;
  const matched = [...subscribers]
    .filter((s) => !email || s.email?.toLowerCase() === email.toLowerCase())
    .filter((s) => !phone || s.phone === phone)
    .filter((s) => !createdAtAfter || s.createdAt > Number(createdAtAfter))
    .filter((s) => !after || s.id > Number(after))
    .sort((a, b) => a.id - b.id);
  const page = matched.slice(0, pageSize);
  const last = page.at(-1);
  const paging =
    matched.length > pageSize && last !== undefined
      ? { cursor: { after: last.id }, next: `after=${last.id}` }
      : null;
  return { status: 200, body: { data: page.map(toSubscriberResource), paging } };
}
