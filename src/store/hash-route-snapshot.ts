import { createHash } from "node:crypto";

const hashes = new WeakMap<object, string>();

/**
 * The key a route snapshot is stored under once (table route_snapshots): the SHA-256 (hex) of
 * its canonical JSON, keys sorted at every depth, so one route read twice hashes alike. A
 * compiled route hands every event the same snapshot object, so each is hashed once.
 */
export function hashRouteSnapshot(snapshot: Record<string, unknown>): string {
  const known = hashes.get(snapshot);
  if (known) return known;
  const hash = createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
  hashes.set(snapshot, hash);
  return hash;
}

/** JSON with the keys of every object sorted (UTF-16 order) and no spaces. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const v = (value as Record<string, unknown>)[key];
        return v === undefined || typeof v === "function"
          ? []
          : [`${JSON.stringify(key)}:${canonicalJson(v)}`];
      });
    return `{${entries.join(",")}}`;
  }
  // undefined and functions (never in a route) are written as null, as JSON.stringify does in an array
  return value === undefined || typeof value === "function" ? "null" : JSON.stringify(value);
}
