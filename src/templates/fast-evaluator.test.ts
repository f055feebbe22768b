import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { fastEvaluator, plainPathOf } from "./fast-evaluator.ts";
import { createTemplateFunctions } from "./template-functions.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });

const inputs: [string, unknown][] = [
  ["an order", { body: { order: { id: "ord_1", total: 149.9, paid: true, note: null } } }],
  ["nested objects", { body: { a: { b: { c: { d: "deep" } } } }, event: { id: "e1" } }],
  ["arrays on the way", { body: { order: [{ id: 1 }, { id: 2 }], items: [{ name: "x" }] } }],
  ["an array at the end", { body: { order: { id: [1, 2] }, tags: ["a"], one: [7] } }],
  ["primitives on the way", { body: { order: "text", a: 5, items: true } }],
  ["null on the way", { body: { order: null, a: { b: null } } }],
  ["inherited names", { body: { order: {} } }],
  ["odd keys", { body: { "first name": "Ann", "": "empty", "0": "zero", __proto__: { id: 9 } } }],
  ["no body", { event: { id: "e2" } }],
  ["an array as the whole input", [{ body: { order: { id: 1 } } }]],
];

const expressions = [
  "body",
  "body.order",
  "body.order.id",
  "body.order.total",
  "body.order.paid",
  "body.order.note",
  "body.order.missing",
  "body.a.b.c",
  "body.a.b.c.d",
  "body.items.name",
  "body.tags",
  "body.one",
  "body.order.length",
  "body.order.constructor",
  "body.order.toString",
  "body.`first name`",
  "body.id",
  "event.id",
  // not plain paths: always JSONata
  "body.order[0].id",
  "$.body.order.id",
  "body.order.*",
  "body.items[]",
  "$string(body.order.total)",
];

describe("fastEvaluator", () => {
  it.each(inputs)("gives what JSONata gives, for every expression, on %s", async (_, input) => {
    for (const text of expressions) {
      const expression = jsonata(text);
      const fast: unknown = await fastEvaluator(expression)(input, functions);
      const slow: unknown = await expression.evaluate(input, functions);
      expect({ text, value: fast }).toEqual({ text, value: slow });
    }
  });

  it.each<[string, string[] | undefined]>([
    ["body.order.id", ["body", "order", "id"]],
    ["event.id", ["event", "id"]],
    ["body.`first name`", ["body", "first name"]],
    ["body", ["body"]],
    ["body.order[0]", undefined],
    ["$.body", undefined],
    ["body.*", undefined],
    ["body.items[]", undefined],
    ["body.a = 1", undefined],
    ["$string(body)", undefined],
    ['"body"', undefined],
  ])("reads %s as a plain path: %j", (text, names) => {
    expect(plainPathOf(jsonata(text).ast())).toEqual(names);
  });
});
