import { formatTime } from "../../templates/format-time.ts";

const RUN_AT_PICTURE = "YYYY-MM-DD HH:mm:ss";
const HAS_ZONE = /(Z|[+-]\d\d:?\d\d)$/i;
const EPOCH = /^\d+(\.\d+)?$/;

/**
 * `run_at` as Metabot reads it: `YYYY-MM-DD HH:mm:ss` on the Metabot server's clock. A time
 * that names its zone (or epoch seconds/ms) is converted into `timeZone`; a time without a
 * zone is taken as already on the server's clock and only reformatted, so a Metabot-style value
 * or `$time(x, 'YYYY-MM-DD HH:mm:ss', 'Europe/Moscow')` passes through unchanged.
 */
export function formatRunAt(value: string | number, timeZone: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  const absolute = typeof value === "number" || EPOCH.test(text) || HAS_ZONE.test(text);
  return formatTime(value, RUN_AT_PICTURE, absolute ? timeZone : "UTC");
}
