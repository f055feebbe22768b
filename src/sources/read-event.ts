import { assertDepth } from "./assert-depth.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { HookRequest } from "./hook-request.ts";
import { newEventId } from "../core/new-event-id.ts";
import { parseUrlencoded } from "./parse-urlencoded.ts";
import { readBody } from "./read-body.ts";
import type { ParseMode } from "./source-settings-schema.ts";

/** The header a stored event carries when its body was read otherwise than its Content-Type says. */
export const PARSED_AS_HEADER = "x-botbridge-parsed-as";

/**
 * Turns a request into an event: body read as the source's `parse` says (by its content type
 * unless pinned), query nested, headers lower-cased. A body or query nesting more than
 * `depthLimit` deep is 400 body_too_deep. A body `auto` read as JSON though sent as a form is
 * marked with the header x-botbridge-parsed-as: json (a sender's own header of that name is
 * dropped, so the mark is always botbridge's).
 */
export async function readEvent(
  request: HookRequest,
  now: number,
  depthLimit: number,
  parse: ParseMode = "auto",
): Promise<InboundEvent> {
  const headers = normalizeHeaders(request.headers);
  const contentType = headers["content-type"];
  const query = request.query === "" ? {} : parseUrlencoded(request.query, { depth: depthLimit });
  assertDepth(query, depthLimit, "query");
  const { body, parsedAs } = await readBody(request.raw, contentType, parse, depthLimit);
  if (parsedAs) headers[PARSED_AS_HEADER] = parsedAs;
  return {
    id: newEventId(now),
    source: request.source,
    received_at: new Date(now).toISOString(),
    method: request.method.toUpperCase(),
    path: request.path,
    query,
    headers,
    content_type: contentType ?? null,
    body,
  };
}

function normalizeHeaders(headers: HookRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || lower === "__proto__" || lower === PARSED_AS_HEADER) continue;
    out[lower] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
