import { z } from "zod";

/** `script_request_params`: any JSON object, passed to the bot's script as it is (types kept). */
export const scriptRequestParamsSchema = z.record(z.string(), z.unknown()).meta({
  description:
    "Any JSON object passed to the bot's script; nested objects, arrays, numbers and booleans keep their types.",
});

/**
 * The params as sent: event_id added (unless the route set its own) so the bot can drop a
 * repeated delivery, since Metabot has no idempotency key and delivery is at-least-once.
 */
export function withEventId(
  params: Record<string, unknown> | undefined,
  eventId: string,
  include: boolean,
): Record<string, unknown> | undefined {
  if (!include) return params;
  return { event_id: eventId, ...params };
}
