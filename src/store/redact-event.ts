import type { InboundEvent } from "../core/inbound-event.ts";

export const REDACTED = "[redacted]";

/** The event with the values of the named fields masked, at any depth of body, query and headers. */
export function redactEvent(event: InboundEvent, fields: readonly string[]): InboundEvent {
  if (fields.length === 0) return event;
  const names = new Set(fields.map((f) => f.toLowerCase()));
  const mask = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, names.has(k.toLowerCase()) ? REDACTED : mask(v)]),
      );
    }
    return value;
  };
  return {
    ...event,
    body: mask(event.body),
    query: mask(event.query) as Record<string, unknown>,
    headers: mask(event.headers) as Record<string, string>,
  };
}
