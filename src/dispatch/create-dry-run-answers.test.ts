import { describe, expect, it } from "vitest";
import type { DryRunDefault } from "../actions/dry-run-default.ts";
import type { TargetRequest } from "../targets/target-http.ts";
import { compileValue } from "../templates/compile-value.ts";
import type { TemplateContext } from "../templates/template-context.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { createDryRunAnswers } from "./create-dry-run-answers.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });
const context: TemplateContext = {
  body: { Phone: "8 999 123-45-67" },
  query: {},
  headers: {},
  source: "forms",
  event: { id: "e1", received_at: "2025-01-01T00:00:00Z" },
  steps: {},
};
const lookup: TargetRequest = {
  method: "GET",
  path: "/v1/subscribers/",
  query: { phone: "+7999" },
};
const patch: TargetRequest = { method: "PATCH", path: "/v1/subscribers/92", json: [{ op: "add" }] };
const builtIn: DryRunDefault = {
  description: "",
  answer: ({ request }) => ({ built_in: request.method }),
};

describe("createDryRunAnswers", () => {
  it.each<
    [
      string,
      { declared?: unknown; override?: unknown; builtIn?: DryRunDefault },
      unknown[],
      boolean,
    ]
  >([
    [
      "the built-in answer for every call when nothing is declared",
      { builtIn },
      [{ built_in: "GET" }, { built_in: "PATCH" }],
      false,
    ],
    [
      "a declared answer for the first call, rendered over params, request and the event",
      {
        builtIn,
        declared: {
          found: "{{ request.query.phone }}",
          n: "{{ params.n }}",
          raw: "{{ body.Phone }}",
          by: "{{ request.method }} {{ request.path }}",
        },
      },
      [
        { found: "+7999", n: 3, raw: "8 999 123-45-67", by: "GET /v1/subscribers/" },
        { built_in: "PATCH" },
      ],
      false,
    ],
    [
      "a one-off answer over the declared one, used as it is",
      { builtIn, declared: { x: 1 }, override: { "{{ not }}": "rendered" } },
      [{ "{{ not }}": "rendered" }, { built_in: "PATCH" }],
      false,
    ],
    ["no answer at all: null, and marked unanswered", {}, [null, null], true],
  ])("%s", async (_name, setup, expected, unanswered) => {
    const answers = createDryRunAnswers({
      action:
        setup.declared === undefined
          ? {}
          : { dryRunAnswer: compileValue(setup.declared, functions) },
      definition: setup.builtIn ? { dryRunAnswer: setup.builtIn } : {},
      params: { n: 3 },
      context,
      ...(setup.override !== undefined ? { override: setup.override } : {}),
    });
    expect([await answers.answer(lookup), await answers.answer(patch)]).toEqual(expected);
    expect(answers.unanswered).toBe(unanswered);
  });
});
