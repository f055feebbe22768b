import { describe, expect, it } from "vitest";
import type { TemplateContext } from "../templates/template-context.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { compileCondition, type ConditionResult } from "./compile-condition.ts";
import { ConditionSyntaxError } from "./condition-syntax-error.ts";
import type { Condition } from "./condition-schema.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });
const context: TemplateContext = {
  body: {
    formid: "form123",
    leads: { status: [{ id: "10754147", status_id: "54423922" }] },
    price: "999",
    amount: 1500,
    email: "ivan@example.com",
    empty: null,
    tags: ["a", "b"],
  },
  query: { token: "x" },
  headers: { "user-agent": "amoCRM-Webhooks/3.0" },
  source: "amocrm",
  event: { id: "e1", received_at: "2025-01-01T00:00:00Z" },
  steps: {},
};

async function run(condition: Condition): Promise<ConditionResult> {
  return compileCondition(condition, functions).evaluate(context);
}

describe("each operator", () => {
  it.each<[string, Condition, boolean]>([
    ["equals a string", { equals: { "body.formid": "form123" } }, true],
    ["equals mismatch", { equals: { "body.formid": "form999" } }, false],
    [
      "equals a number against digits",
      { equals: { "body.leads.status[0].status_id": 54423922 } },
      true,
    ],
    [
      "equals several paths, all hold",
      { equals: { "body.formid": "form123", "body.amount": 1500 } },
      true,
    ],
    [
      "equals several paths, one fails",
      { equals: { "body.formid": "form123", "body.amount": 1 } },
      false,
    ],
    ["equals an array", { equals: { "body.tags": ["a", "b"] } }, true],
    ["equals on a missing path", { equals: { "body.nope": "x" } }, false],
    ["in hits", { in: { "body.formid": ["form1", "form123"] } }, true],
    ["in misses", { in: { "body.formid": ["form1"] } }, false],
    ["matches", { matches: { "body.email": "@example\\.com$" } }, true],
    ["matches with flags", { matches: { "body.email": "/IVAN@/i" } }, true],
    ["matches a missing value", { matches: { "body.nope": ".*" } }, false],
    ["exists", { exists: "body.formid" }, true],
    ["exists on null", { exists: "body.empty" }, false],
    ["exists on a list", { exists: ["body.formid", "query.token"] }, true],
    ["exists on a list with a missing path", { exists: ["body.formid", "query.nope"] }, false],
    ["gt on digits", { gt: { "body.price": 100 } }, true],
    ["gt fails", { gt: { "body.price": 999 } }, false],
    ["gte", { gte: { "body.price": 999 } }, true],
    ["lt", { lt: { "body.amount": 2000 } }, true],
    ["lte", { lte: { "body.amount": 1499 } }, false],
    ["gt on a missing value", { gt: { "body.nope": 0 } }, false],
    ["gt on text", { gt: { "body.email": 0 } }, false],
    ["all", { all: [{ exists: "body.formid" }, { gt: { "body.amount": 1000 } }] }, true],
    [
      "all with one failing",
      { all: [{ exists: "body.formid" }, { gt: { "body.amount": 9000 } }] },
      false,
    ],
    ["any", { any: [{ exists: "body.nope" }, { equals: { source: "amocrm" } }] }, true],
    ["any with none", { any: [{ exists: "body.nope" }, { equals: { source: "tilda" } }] }, false],
    ["not", { not: { exists: "body.nope" } }, true],
    ["not of a holding condition", { not: { exists: "body.formid" } }, false],
    [
      "nested",
      {
        all: [
          { any: [{ not: { exists: "body.formid" } }, { in: { "body.formid": ["form123"] } }] },
        ],
      },
      true,
    ],
    ["JSONata expression", "body.amount > 1000 and $contains(body.email, '@')", true],
    ["JSONata expression false", "body.amount > 2000", false],
    ["JSONata in {{ }}", "{{ body.amount = 1500 }}", true],
    ["header with a dash", { matches: { "headers.`user-agent`": "^amoCRM" } }, true],
  ])("%s", async (_name, condition, expected) => {
    expect((await run(condition)).matched).toBe(expected);
  });
});

describe("why a condition did not hold", () => {
  it.each<[string, Condition, { at: string; expected: string; seen: unknown }]>([
    [
      "equals",
      { equals: { "body.formid": "form999" } },
      { at: "equals.body.formid", expected: '"form999"', seen: "form123" },
    ],
    [
      "the first failing node of all",
      { all: [{ exists: "body.formid" }, { gt: { "body.amount": 9000 } }] },
      { at: "all[1].gt.body.amount", expected: "> 9000", seen: 1500 },
    ],
    [
      "a missing value",
      { exists: "body.nope" },
      { at: "exists.body.nope", expected: "a value", seen: undefined },
    ],
    [
      "not",
      { not: { exists: "body.formid" } },
      { at: "not", expected: "the condition not to hold", seen: "it held" },
    ],
    [
      "in",
      { in: { "body.formid": ["a"] } },
      { at: "in.body.formid", expected: 'one of ["a"]', seen: "form123" },
    ],
    [
      "an expression",
      "body.amount > 2000",
      { at: "when", expected: "body.amount > 2000 to be true", seen: false },
    ],
    [
      "any reports its first branch",
      { any: [{ exists: "body.nope" }, { equals: { source: "tilda" } }] },
      { at: "any[0].exists.body.nope", expected: "a value", seen: undefined },
    ],
  ])("%s", async (_name, condition, why) => {
    expect(await run(condition)).toEqual({ matched: false, why });
  });
});

describe("compile errors", () => {
  it.each<[string, Condition, (string | number)[], boolean]>([
    ["a bad path key", { equals: { "body.(": 1 } }, ["equals", "body.("], true],
    ["a bad expression", { all: [{ exists: "body.x" }, "body.x >"] }, ["all", 1], false],
    ["a bad regex", { matches: { "body.x": "([a-" } }, ["matches", "body.x"], false],
    ["a bad bound", { gt: { "body.x": "many" } }, ["gt", "body.x"], false],
  ])("%s", (_name, condition, path, atKey) => {
    try {
      compileCondition(condition, functions);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConditionSyntaxError);
      expect((error as ConditionSyntaxError).path).toEqual(path);
      expect((error as ConditionSyntaxError).atKey).toBe(atKey);
    }
  });
});

describe("usesSteps", () => {
  it.each<[string, Condition, boolean]>([
    ["a path into the body", { exists: "body.x" }, false],
    ["a path into steps", { exists: "steps.contact.body.phone" }, true],
    ["a body field named steps", { equals: { "body.steps": 1 } }, false],
    ["a comparison key on steps", { equals: { "steps.lead.status": 200 } }, true],
    [
      "deep inside all/any/not",
      { all: [{ any: [{ not: { exists: ["body.a", "steps.b"] } }] }] },
      true,
    ],
    ["an expression", "{{ $count(steps.list.body) > 0 }}", true],
  ])("%s: %s", (_name, condition, expected) => {
    expect(compileCondition(condition, functions).usesSteps).toBe(expected);
  });
});
