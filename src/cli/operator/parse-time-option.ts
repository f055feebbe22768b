import { parseDuration } from "../../core/duration-schema.ts";
import { usageError } from "./operator-command.ts";

/**
 * An option's time as the API takes it (ISO 8601): an ISO time or date as written, or a
 * duration (`2h`, `30m`, `7d`) counted back from now (`--since 2h`) or ahead (`--until 1h` of a
 * pause). Anything else is a usage error.
 */
export function parseTimeOption(
  name: string,
  text: string | undefined,
  now: number,
  direction: "past" | "future",
): string | undefined {
  if (text === undefined) return undefined;
  const span = parseDuration(text);
  if (span !== undefined)
    return new Date(direction === "past" ? now - span : now + span).toISOString();
  const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at))
    throw usageError(
      `${name} ${text}: expected an ISO time (2026-05-01T10:00:00Z) or a duration (2h, 30m, 7d)`,
    );
  return new Date(at).toISOString();
}
