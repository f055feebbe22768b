import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { findUnknownFunction } from "./find-unknown-function.ts";
import { createTemplateFunctions } from "./template-functions.ts";

const helpers = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });

describe("findUnknownFunction", () => {
  it.each<[string, string, string | undefined, number?]>([
    ["a helper", "$email(body.Email)", undefined],
    ["a JSONata function", "$substringBefore(body.Email, '@')", undefined],
    ["$now and $millis", "$now() & $millis()", undefined],
    ["a function the expression binds", "($f := function($v) { $v }; $f(1))", undefined],
    ["a lambda parameter called", "$map([1], function($v, $i, $fn) { $fn })", undefined],
    ["a variable that is not called", "$x", undefined],
    [
      "a typo of a helper",
      "$emial(body.Email)",
      "unknown function $emial; did you mean $email?",
      0,
    ],
    [
      "a typo in the middle",
      "body.x & $phnoe(1)",
      "unknown function $phnoe; did you mean $phone?",
      9,
    ],
    [
      "a typo of JSONata's",
      "$lowercse(x)",
      "unknown function $lowercse; did you mean $lowercase?",
      0,
    ],
    ["applied with ~>", "body.x ~> $emial", "unknown function $emial; did you mean $email?", 10],
    [
      "in a path step",
      "body.x.$uppercse()",
      "unknown function $uppercse; did you mean $uppercase?",
      7,
    ],
    [
      "inside a lambda",
      "$map(x, function($v) { $trimm($v) })",
      "unknown function $trimm; did you mean $trim?",
      23,
    ],
    ["nothing close", "$frobnicate(1)", "unknown function $frobnicate", 0],
  ])("%s: %s", (_name, expression, message, offset) => {
    const found = findUnknownFunction(jsonata(expression).ast(), helpers);
    expect(found).toEqual(message === undefined ? undefined : { message, offset });
  });
});
