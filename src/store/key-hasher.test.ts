import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createKeyHasher, hashIngestKeys } from "./key-hasher.ts";
import type { IngestInput } from "./store.ts";

const newSecret = () => randomBytes(32).toString("base64url");
const secret = newSecret();
const hash = createKeyHasher(secret);

const input = (order_key: string | null, dedupe?: string): IngestInput => ({
  event: {
    id: "e1",
    source: "tilda",
    received_at: "2025-01-01T00:00:00.000Z",
    method: "POST",
    path: "/hooks/tilda",
    query: {},
    headers: {},
    content_type: "application/json",
    body: { email: "[redacted]" },
  },
  deliveries: [{ id: "d1", route_id: "r", route_snapshot: {}, order_key, next_target: null }],
  ...(dedupe === undefined ? {} : { dedupe: { key: dedupe, expires_at: 1 } }),
});

describe("createKeyHasher", () => {
  it.each([
    ["one value, one hash", "ivan@example.com", "ivan@example.com", true],
    ["another value, another hash", "ivan@example.com", "olga@example.com", false],
    ["case matters, as it did for raw keys", "Ivan@example.com", "ivan@example.com", false],
    ["no collision on a shared prefix", "tranid-1", "tranid-10", false],
  ])("%s", (_name, a, b, same) => {
    expect(hash(a) === hash(b)).toBe(same);
  });

  it("keeps no trace of the value, and depends on the store's key", () => {
    const value = "ivan@example.com";
    expect(hash(value)).toMatch(/^[\w-]{43}$/);
    expect(hash(value)).not.toContain("ivan");
    expect(createKeyHasher(newSecret())(value)).not.toBe(hash(value));
    expect(createKeyHasher(secret)(value)).toBe(hash(value));
  });

  it.each([[""], ["short"]])("refuses a missing or short secret (%j)", (bad) => {
    expect(() => createKeyHasher(bad)).toThrow(/missing or too short/);
  });
});

describe("hashIngestKeys", () => {
  it.each<[string, IngestInput, string | null, string | undefined]>([
    [
      "order and dedupe keys",
      input("ivan@example.com", "tranid-1"),
      hash("ivan@example.com"),
      hash("tranid-1"),
    ],
    ["no order key, no dedupe key", input(null), null, undefined],
  ])("hashes %s, leaving absent ones absent", (_name, given, order, dedupe) => {
    const hashed = hashIngestKeys(given, hash);
    expect(hashed.deliveries[0]?.order_key).toBe(order);
    expect(hashed.dedupe?.key).toBe(dedupe);
    expect(hashed.event).toBe(given.event);
  });

  it("refuses to run before the store read its secret", () => {
    expect(() => hashIngestKeys(input("k"), undefined)).toThrow(/not migrated/);
  });
});
