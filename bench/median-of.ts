/**
 * The median of each number across rounds of the same shape, field by field (nested objects
 * too); anything else is taken from the first round. With an even count, the mean of the two
 * middle values.
 */
export function medianOf<T>(rounds: readonly T[]): T {
  const first = rounds[0];
  if (first === undefined) throw new Error("no rounds to take the median of");
  if (typeof first === "number") return median(rounds as readonly number[]) as T;
  if (typeof first !== "object" || first === null || Array.isArray(first)) return first;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    out[key] = medianOf(rounds.map((round) => (round as Record<string, unknown>)[key]));
  }
  return out as T;
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
