import { assertDepth } from "./assert-depth.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { HookRequest } from "./hook-request.ts";
import { newEventId } from "../core/new-event-id.ts";
import { parseBody } from "./parse-body.ts";
import { parseUrlencoded } from "./parse-urlencoded.ts";

/**
 * Turns a request into an event: body parsed by its content type, query nested, headers
 * lower-cased. A body or query nesting more than `depthLimit` deep is 400 body_too_deep.
 */
export async function readEvent(
  request: HookRequest,
  now: number,
  depthLimit: number,
): Promise<InboundEvent> {
  const headers = normalizeHeaders(request.headers);
  const contentType = headers["content-type"];
  const query = request.query === "" ? {} : parseUrlencoded(request.query, { depth: depthLimit });
  assertDepth(query, depthLimit, "query");
  return {
    id: newEventId(now),
    source: request.source,
    received_at: new Date(now).toISOString(),
    method: request.method.toUpperCase(),
    path: request.path,
    query,
    headers,
    content_type: contentType ?? null,
    body: await parseBody(request.raw, contentType, depthLimit),
  };
}

function normalizeHeaders(headers: HookRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === "__proto__") continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
