import type { CheckInput } from "./check-result.ts";
import type { HmacSettings } from "./verify-hmac.ts";
import { bodyPath } from "./verify-token.ts";

/**
 * The signing time from the timestamp header or body field: its text (as signed) and its value
 * (seconds or milliseconds); undefined when none is configured; a reason when it is unusable.
 */
export function readTimestamp(
  settings: HmacSettings,
  input: CheckInput,
): { text: string; value: number } | { reason: string } | undefined {
  let value: unknown;
  let where: string;
  if (settings.timestamp_header) {
    value = input.headers[settings.timestamp_header];
    where = `timestamp header ${settings.timestamp_header}`;
  } else if (settings.timestamp_field) {
    value = input.body;
    for (const key of bodyPath(settings.timestamp_field))
      value =
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[key]
          : undefined;
    where = `timestamp field ${settings.timestamp_field}`;
  } else return undefined;
  if (value === undefined || value === null || value === "") return { reason: `${where} missing` };
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  if (!/^\d+(\.\d+)?$/.test(text)) return { reason: `${where} is not a number` };
  return { text, value: Number(text) };
}
