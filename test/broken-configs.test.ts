import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { formatProblem } from "../src/core/problem.ts";
import { loadConfig } from "../src/config/load-config.ts";

/**
 * Each `test/broken-configs/NAME.yaml` comes with `NAME.expected`: the exact problem lines
 * `botbridge check` must print for it, in order (FILE is the bare file name). Environment
 * variables the configs use: BROKEN_SECRET=s3cr3t-value is set, NOT_SET is not.
 */
const folder = join(import.meta.dirname, "broken-configs");
const cases = readdirSync(folder)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const env = { BROKEN_SECRET: "s3cr3t-value" };

describe("broken configs report exactly their problems", () => {
  it("has at least 12 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (file) => {
    const expected = readFileSync(join(folder, file.replace(/\.yaml$/, ".expected")), "utf8")
      .trim()
      .split("\n");
    const result = await loadConfig(join(folder, file), { actions: createActions(), env });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map((p) => formatProblem({ ...p, file }));
    expect(lines).toEqual(expected);
    for (const line of lines) expect(line).not.toContain(env.BROKEN_SECRET);
  });
});
