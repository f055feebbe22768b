import { z } from "zod";

/**
 * A whole number Metabot wants as a JSON integer (an id, a number of seconds). Digits in a
 * string are accepted and sent as a number, since form-encoded webhooks (amoCRM, Tilda) carry
 * every value as text.
 */
export function metabotIntegerSchema(minimum: number): z.ZodType<number, number | string> {
  return z.union([
    z.int().min(minimum),
    z
      .string()
      .regex(/^\s*\d+\s*$/, { error: "expected a whole number" })
      .transform(Number)
      .pipe(z.int().min(minimum)),
  ]);
}
