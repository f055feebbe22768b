import { z } from "zod";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Milliseconds in a duration written as `250ms`, `10s`, `5m`, `24h`, `7d`; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] as keyof typeof UNIT_MS;
  return Math.round(Number(match[1]) * UNIT_MS[unit]);
}

/** A duration in routes.yaml: `10s`, `5m`, `24h`, `7d`, or a number of seconds. Parses to milliseconds. */
export const durationSchema = z
  .union([
    z.number().nonnegative(),
    z.string().regex(DURATION, { error: "expected a duration such as 500ms, 10s, 5m, 24h or 7d" }),
  ])
  .transform((value) => (typeof value === "number" ? value * 1000 : (parseDuration(value) ?? 0)))
  .meta({ description: "A duration: 500ms, 10s, 5m, 24h, 7d, or a number of seconds." });
