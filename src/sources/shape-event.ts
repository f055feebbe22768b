import type { InboundEvent } from "../core/inbound-event.ts";
import { newEventId } from "../core/new-event-id.ts";
import type { SourceConfig } from "./source-schema.ts";
import { splitEntities } from "./split-entities.ts";

/**
 * The event(s) a verified request becomes under its source's settings: the query as body
 * (query_as_body), JSON text fields unpacked (json_fields), '+' put back (plus_repair), and
 * split into one event per item (split: an array body's items, or `entities`: amoCRM's lists).
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
  const items =
    config.split === "entities"
      ? splitEntities(body)
      : config.split === true && Array.isArray(body)
        ? (body as unknown[])
        : [body];
  if (items.length === 1 && items[0] === body) return [shaped];
  const now = Date.parse(event.received_at);
  return items.map((item, index) => ({
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
