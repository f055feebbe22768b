import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { JSONATA_FUNCTIONS } from "./jsonata-functions.ts";

describe("JSONATA_FUNCTIONS", () => {
  it.each(JSONATA_FUNCTIONS)("$%s is a function in the installed jsonata", async (name) => {
    expect(await jsonata(`$type($${name})`).evaluate({})).toBe("function");
  });

  it("lists every function jsonata binds", () => {
    const source = readFileSync(createRequire(import.meta.url).resolve("jsonata"), "utf8");
    const bound = [...source.matchAll(/(?:staticFrame|environment)\.bind\('([A-Za-z0-9]+)'/g)].map(
      (m) => m[1],
    );
    expect(bound.length).toBeGreaterThan(50);
    expect([...JSONATA_FUNCTIONS].sort()).toEqual([...new Set(bound)].sort());
  });
});
