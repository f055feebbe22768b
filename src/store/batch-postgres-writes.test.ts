import { describe, expect, it } from "vitest";
import { batchPostgresWrites, type WriteBatchOptions } from "./batch-postgres-writes.ts";

interface Item {
  name: string;
  bytes?: number;
  key?: string;
}

/**
 * The batcher over a write that holds each statement until the test lets it go: `statements`
 * lists the names of each statement as it starts; a statement with a name in `failing` fails.
 */
function harness(options: WriteBatchOptions<Item>, failing: readonly string[] = []) {
  const statements: string[][] = [];
  const held: (() => void)[] = [];
  const writeOne = batchPostgresWrites(
    async (items: readonly Item[]) => {
      const names = items.map((i) => i.name);
      statements.push(names);
      await new Promise<void>((resolve) => held.push(resolve));
      if (names.some((n) => failing.includes(n))) throw new Error(`bad ${names.join(",")}`);
      return names.map((n) => `wrote ${n}`);
    },
    { bytesOf: (i) => i.bytes ?? 10, keyOf: (i) => i.key, ...options },
  );
  const releaseAll = async () => {
    for (let turn = 0; turn < 50; turn += 1) {
      held.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { writeOne, statements, releaseAll };
}

const named = (...names: string[]): Item[] => names.map((name) => ({ name }));

describe("batchPostgresWrites", () => {
  const cases: {
    name: string;
    options: WriteBatchOptions<Item>;
    items: Item[];
    failing?: string[];
    statements: string[][];
    rejected?: string[];
  }[] = [
    {
      name: "writes each at once while statements are free, then what queued together",
      options: { maxInFlight: 2 },
      items: named("a", "b", "c", "d", "e"),
      statements: [["a"], ["b"], ["c", "d", "e"]],
    },
    {
      name: "puts at most maxItems in one statement",
      options: { maxInFlight: 1, maxItems: 2 },
      items: named("a", "b", "c", "d", "e"),
      statements: [["a"], ["b", "c"], ["d", "e"]],
    },
    {
      name: "stops a statement before the item that would pass maxBytes; a larger one goes alone",
      options: { maxInFlight: 1, maxBytes: 100 },
      items: [
        { name: "a" },
        { name: "b", bytes: 60 },
        { name: "c", bytes: 60 },
        { name: "d", bytes: 500 },
        { name: "e" },
      ],
      statements: [["a"], ["b"], ["c"], ["d"], ["e"]],
    },
    {
      name: "never puts two items with one key in one statement, nor one after them",
      options: { maxInFlight: 1 },
      items: [{ name: "a" }, { name: "b", key: "k" }, { name: "c", key: "k" }, { name: "d" }],
      statements: [["a"], ["b"], ["c", "d"]],
    },
    {
      name: "tries each item of a failed statement alone, in order, failing only the bad one",
      options: { maxInFlight: 1 },
      items: named("a", "b", "bad", "c"),
      failing: ["bad"],
      statements: [["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]],
      rejected: ["bad"],
    },
  ];

  it.each(cases)("$name", async ({ options, items, failing, statements, rejected = [] }) => {
    const h = harness(options, failing);
    const settled = Promise.allSettled(items.map((i) => h.writeOne(i)));
    await h.releaseAll();
    const results = await settled;
    expect(h.statements).toEqual(statements);
    expect(items.filter((_, i) => results[i]?.status === "rejected").map((i) => i.name)).toEqual(
      rejected,
    );
    for (const [i, result] of results.entries())
      if (result.status === "fulfilled") expect(result.value).toBe(`wrote ${items[i]!.name}`);
  });

  it("fails every item at once when the failure cannot be one item's", async () => {
    const h = harness({ maxInFlight: 1, mayBeOneItem: () => false }, ["b"]);
    const settled = Promise.allSettled(named("a", "b", "c").map((i) => h.writeOne(i)));
    await h.releaseAll();
    expect((await settled).map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(h.statements).toEqual([["a"], ["b", "c"]]);
  });

  it("fails the rest at once when an item tried alone fails for what is not its fault", async () => {
    const statements: string[][] = [];
    const itemFault = Object.assign(new Error("unique violation"), { item: true });
    const writeOne = batchPostgresWrites(
      async (items: readonly string[]) => {
        statements.push([...items]);
        await new Promise((resolve) => setImmediate(resolve));
        if (items.length > 1) throw itemFault;
        throw new Error("statement timeout");
      },
      { maxInFlight: 1, mayBeOneItem: (error) => error === itemFault },
    );
    const settled = await Promise.allSettled(["a", "b", "c", "d"].map((i) => writeOne(i)));
    expect(settled.map((s) => (s.status === "rejected" ? String(s.reason) : s.value))).toEqual([
      "Error: statement timeout",
      "Error: statement timeout",
      "Error: statement timeout",
      "Error: statement timeout",
    ]);
    // "a" alone, then b-d together, then b alone, whose timeout fails c and d unwritten
    expect(statements).toEqual([["a"], ["b", "c", "d"], ["b"]]);
  });

  it("fails what is queued, and keeps working, when an option throws", async () => {
    let throwing = true;
    const writeOne = batchPostgresWrites(
      (items: readonly string[]) => Promise.resolve(items.map(() => 1)),
      {
        keyOf: () => {
          if (throwing) throw new Error("bad key");
          return undefined;
        },
      },
    );
    await expect(writeOne("a")).rejects.toThrow("bad key");
    throwing = false;
    await expect(writeOne("b")).resolves.toBe(1);
  });

  it("fails the items a statement returned no result for", async () => {
    const writeOne = batchPostgresWrites(async (items: readonly string[]) =>
      Promise.resolve(items.slice(1)),
    );
    const settled = await Promise.allSettled([writeOne("a")]);
    expect(settled[0]).toMatchObject({ status: "rejected" });
  });
});
