import { describe, expect, it } from "vitest";
import { describeYamlMistake } from "./describe-yaml-mistake.ts";

describe("describeYamlMistake", () => {
  it.each<[string, string[], number, { line: number; col: number; hint: RegExp } | undefined]>([
    [
      "a key at the column of the - above it",
      ["routes:", "  - id: r2", "  source: tilda"],
      3,
      {
        line: 3,
        col: 3,
        hint: /indented less than the item above it \(line 2\): a key of that item goes at column 5/,
      },
    ],
    [
      "a line between two levels",
      ["a:", "  b:", "    c: 1", "   d: 2"],
      4,
      {
        line: 4,
        col: 4,
        hint: /indented less than the item above it \(line 3, column 5\) and more than line 2 \(column 3\)/,
      },
    ],
    [
      "a line under a key that has its value, found on the line after the parser's",
      ["- id: r1", "  source: tilda", "   actions:"],
      2,
      {
        line: 3,
        col: 4,
        hint: /indented more than the line above it \(line 2\), whose key already has its value; a key of the same item goes at column 3/,
      },
    ],
    [
      "two keys on one line",
      ["actions:", "  - bothelp.add_tags: subscriber:", "      phone: 1"],
      2,
      { line: 2, col: 23, hint: /second key \(subscriber:\)/ },
    ],
    [
      "a key with [0] inside { }",
      ["    when: { equals: { body.leads.status[0].status_id: 1 } }"],
      1,
      {
        line: 1,
        col: 23,
        hint: /inside \{ \}, a key holding \[ \] must be quoted: "body.leads.status\[0\].status_id"/,
      },
    ],
    [
      "a quoted key with [0] inside { }",
      ['    when: { equals: { "body.x[0]": 1 } }'],
      1,
      undefined,
    ],
    ["a block opened by key:", ["a:", "  b: 1"], 2, undefined],
    ["a block opened by an anchor", ["a: &x", "  b: 1"], 2, undefined],
    ["a key lined up with its sibling", ["a:", "  b: 1", "  c: 2"], 3, undefined],
    ["a sequence at its key's column", ["a:", "- 1"], 2, undefined],
    ["a time is not a second key", ["a: 10:30"], 1, undefined],
    ["a URL is not a second key", ["a: https://x.example"], 1, undefined],
    ["a quoted value with a colon", ['a: "b: c"'], 1, undefined],
  ])("%s", (_name, lines, line, expected) => {
    const mistake = describeYamlMistake(lines, line);
    if (expected === undefined) {
      expect(mistake).toBeUndefined();
      return;
    }
    expect(mistake).toMatchObject({ line: expected.line, col: expected.col });
    expect(mistake?.hint).toMatch(expected.hint);
  });
});
