import { z } from "zod";

const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i;

/** A size in routes.yaml: `512kb`, `1mb`, or a number of bytes. Parses to bytes. */
export const byteSizeSchema = z
  .union([
    z.number().int().positive(),
    z.string().regex(SIZE, { error: "expected a size such as 512kb or 1mb" }),
  ])
  .transform((value) => {
    if (typeof value === "number") return value;
    const match = SIZE.exec(value.trim());
    const unit = (match?.[2] ?? "b").toLowerCase() as keyof typeof UNIT_BYTES;
    return Math.round(Number(match?.[1] ?? 0) * UNIT_BYTES[unit]);
  })
  .meta({ description: "A size: 512kb, 1mb, or a number of bytes." });
