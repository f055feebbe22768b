import type { InboundEvent } from "../core/inbound-event.ts";
import { newEventId } from "../core/new-event-id.ts";
import type { SourceConfig } from "./source-schema.ts";

/**
 * The event(s) a verified request becomes under its source's settings: the query as body
 * (query_as_body), JSON text fields unpacked (json_fields), '+' put back (plus_repair), and an
 * array body split into one event per item (split).
 */
export function shapeEvent(
  event: InboundEvent,
  config: Pick<SourceConfig, "query_as_body" | "json_fields" | "plus_repair" | "split">,
): InboundEvent[] {
  let body = event.body;
  if (config.query_as_body && (body === undefined || body === "")) body = { ...event.query };
  for (const field of config.json_fields ?? []) body = unpackJson(body, field);
  for (const field of config.plus_repair ?? []) body = repairPlus(body, field);
  const shaped = { ...event, body };
  if (!config.split || !Array.isArray(body)) return [shaped];
  const now = Date.parse(event.received_at);
  return body.map((item: unknown, index) => ({
    ...shaped,
    id: index === 0 ? event.id : newEventId(now),
    body: item,
  }));
}

function unpackJson(body: unknown, field: string): unknown {
  if (!isRecord(body) || typeof body[field] !== "string") return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body[field], (key, value: unknown) =>
      key === "__proto__" ? undefined : value,
    );
  } catch {
    return body;
  }
  if (!isRecord(parsed)) return { ...body, [field]: parsed };
  const { [field]: _text, ...own } = body;
  return { ...parsed, ...own };
}

function repairPlus(body: unknown, field: string): unknown {
  if (!isRecord(body)) return body;
  const value = body[field];
  if (typeof value !== "string" || !/^ \d/.test(value)) return body;
  return { ...body, [field]: `+${value.slice(1)}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
