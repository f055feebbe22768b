import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { findDataPaths } from "./find-data-paths.ts";

describe("findDataPaths", () => {
  it.each<[string, string, [string, number][]]>([
    ["a plain path", "body.Email", [["body.Email", 0]]],
    ["predicates left out", "body.leads.status[0].id", [["body.leads.status.id", 0]]],
    ["in a function's argument", "$number(body.x) + 1", [["body.x", 8]]],
    [
      "in an object constructor",
      '{"a": body.x, "b": body.y}',
      [
        ["body.x", 6],
        ["body.y", 19],
      ],
    ],
    ["up to the first step that is no name", "body.items.$count()", [["body.items", 0]]],
    ["not a path from another root", "steps.lead.body.id & query.token", []],
    ["not a path inside a predicate", "body.items[body = 'x'].id", [["body.items.id", 0]]],
    ["the root alone", "body", [["body", 0]]],
  ])("%s: %s", (_name, expression, expected) => {
    const paths = findDataPaths(jsonata(expression).ast(), "body");
    expect(paths.map((p) => [p.names.join("."), p.offset])).toEqual(expected);
  });
});
