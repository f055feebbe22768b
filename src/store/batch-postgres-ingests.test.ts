import { describe, expect, it } from "vitest";
import { event } from "../../test/store-rows.ts";
import { batchPostgresIngests, type IngestBatchOptions } from "./batch-postgres-ingests.ts";
import type { PreparedIngest } from "./insert-postgres-events.ts";
import type { IngestResult } from "./store.ts";

/** An ingest named `name` (its path), `bytes` long, with a dedupe key when given. */
function ingest(name: string, { bytes = 10, key }: { bytes?: number; key?: string } = {}) {
  const input = {
    event: event({ path: name }),
    deliveries: [],
    ...(key ? { dedupe: { key, expires_at: 0 } } : {}),
  };
  return { input, row: "x".repeat(bytes) } satisfies PreparedIngest;
}

/**
 * The batcher over an insert that holds each statement until the test lets it go: `statements`
 * lists the sources of each statement as it starts; a statement with a path in `failing`
 * fails.
 */
function harness(options: IngestBatchOptions, failing: readonly string[] = []) {
  const statements: string[][] = [];
  const held: (() => void)[] = [];
  const ingestOne = batchPostgresIngests(async (ingests) => {
    const names = ingests.map((i) => i.input.event.path);
    statements.push(names);
    await new Promise<void>((resolve) => held.push(resolve));
    if (names.some((n) => failing.includes(n))) throw new Error(`bad ${names.join(",")}`);
    return ingests.map((i): IngestResult => ({ duplicate: false, event_id: i.input.event.id }));
  }, options);
  const releaseAll = async () => {
    for (let turn = 0; turn < 50; turn += 1) {
      held.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { ingestOne, statements, releaseAll };
}

describe("batchPostgresIngests", () => {
  const cases: {
    name: string;
    options: IngestBatchOptions;
    ingests: PreparedIngest[];
    failing?: string[];
    statements: string[][];
    rejected?: string[];
  }[] = [
    {
      name: "writes each at once while statements are free, then what queued together",
      options: { maxInFlight: 2 },
      ingests: ["a", "b", "c", "d", "e"].map((n) => ingest(n)),
      statements: [["a"], ["b"], ["c", "d", "e"]],
    },
    {
      name: "puts at most maxEvents in one statement",
      options: { maxInFlight: 1, maxEvents: 2 },
      ingests: ["a", "b", "c", "d", "e"].map((n) => ingest(n)),
      statements: [["a"], ["b", "c"], ["d", "e"]],
    },
    {
      name: "stops a statement before the event that would pass maxBytes; a larger one goes alone",
      options: { maxInFlight: 1, maxBytes: 100 },
      ingests: [
        ingest("a"),
        ingest("b", { bytes: 60 }),
        ingest("c", { bytes: 60 }),
        ingest("d", { bytes: 500 }),
        ingest("e"),
      ],
      statements: [["a"], ["b"], ["c"], ["d"], ["e"]],
    },
    {
      name: "never puts two events with one dedupe key in one statement",
      options: { maxInFlight: 1 },
      ingests: [ingest("a"), ingest("b", { key: "k" }), ingest("c", { key: "k" }), ingest("d")],
      statements: [["a"], ["b"], ["c", "d"]],
    },
    {
      name: "tries each event of a failed statement alone, in order, failing only the bad one",
      options: { maxInFlight: 1 },
      ingests: ["a", "b", "bad", "c"].map((n) => ingest(n)),
      failing: ["bad"],
      statements: [["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]],
      rejected: ["bad"],
    },
  ];

  it.each(cases)("$name", async ({ options, ingests, failing, statements, rejected = [] }) => {
    const h = harness(options, failing);
    const settled = Promise.allSettled(ingests.map((i) => h.ingestOne(i)));
    await h.releaseAll();
    const results = await settled;
    expect(h.statements).toEqual(statements);
    const names = ingests.map((i) => i.input.event.path);
    expect(names.filter((_, i) => results[i]?.status === "rejected")).toEqual(rejected);
    for (const [i, result] of results.entries())
      if (result.status === "fulfilled")
        expect(result.value.event_id).toBe(ingests[i]!.input.event.id);
  });
});
