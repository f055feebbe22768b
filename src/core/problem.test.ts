import { describe, expect, it } from "vitest";
import { formatProblem, sortProblems, type PlacedProblem, type Problem } from "./problem.ts";

describe("formatProblem", () => {
  it.each<[string, Problem | PlacedProblem, string]>([
    [
      "a placed problem: file, line, column, path, message",
      {
        file: "routes.yaml",
        line: 14,
        col: 17,
        path: ["routes", 1, "actions", 0, "bothelp.add_tags", "tags"],
        message: "expected array",
      },
      "routes.yaml:14:17: routes[1].actions[0].bothelp.add_tags.tags: expected array",
    ],
    [
      "a placed problem without a path",
      { file: "routes.yaml", line: 1, col: 1, path: [], message: "cannot read config" },
      "routes.yaml:1:1: cannot read config",
    ],
    [
      "an unplaced problem (an action's rendered params)",
      { path: ["http.request", "headers", "x-id"], message: "expected string, got number" },
      "http.request.headers.x-id: expected string, got number",
    ],
    ["an unplaced problem without a path", { path: [], message: "missing" }, "missing"],
    [
      "an index first, then keys",
      { path: [0, "tags", 2], message: "expected a non-empty string" },
      "[0].tags[2]: expected a non-empty string",
    ],
    [
      "locating hints are not printed",
      { path: ["order_by"], message: "bad", atKey: true, offset: 3 },
      "order_by: bad",
    ],
  ])("%s", (_name, problem, text) => {
    expect(formatProblem(problem)).toBe(text);
  });
});

describe("sortProblems", () => {
  const at = (line: number, col: number, message: string): PlacedProblem => ({
    file: "f.yaml",
    line,
    col,
    path: ["a"],
    message,
  });

  it.each<[string, PlacedProblem[], string[]]>([
    ["by line", [at(9, 1, "x"), at(2, 5, "y")], ["f.yaml:2:5: a: y", "f.yaml:9:1: a: x"]],
    ["then by column", [at(3, 9, "x"), at(3, 2, "y")], ["f.yaml:3:2: a: y", "f.yaml:3:9: a: x"]],
    ["then by text", [at(3, 2, "b"), at(3, 2, "a")], ["f.yaml:3:2: a: a", "f.yaml:3:2: a: b"]],
    [
      "duplicates dropped",
      [at(3, 2, "a"), at(1, 1, "z"), at(3, 2, "a")],
      ["f.yaml:1:1: a: z", "f.yaml:3:2: a: a"],
    ],
    ["none", [], []],
  ])("%s", (_name, problems, lines) => {
    expect(sortProblems(problems).map(formatProblem)).toEqual(lines);
  });
});
