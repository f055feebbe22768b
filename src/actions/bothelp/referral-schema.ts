import { z } from "zod";

/**
 * A flow, step or sequence referral. They are opaque strings, but often all digits
 * (`1723638253735`), which YAML reads as a number: both are accepted and sent as a string.
 */
export function referralSchema(description: string) {
  return z
    .union([z.string().min(1), z.int().nonnegative()])
    .transform((value) => String(value))
    .meta({ description });
}
