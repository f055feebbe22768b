import { describe, expect, it } from "vitest";
import { acceptEnvReferences, envReferenceJsonSchema } from "./accept-env-references.ts";

const ref = { $ref: "#/$defs/env_reference" };

/** The rewritten schema of one property `x`. */
function rewritten(property: Record<string, unknown>): unknown {
  const result = acceptEnvReferences({ type: "object", properties: { x: property } });
  return (result.properties as Record<string, unknown>).x;
}

describe("acceptEnvReferences", () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    [
      "a boolean, its annotations kept outside",
      { type: "boolean", default: false, description: "Switch.", examples: [true] },
      {
        default: false,
        description: "Switch.",
        examples: [true],
        anyOf: [{ type: "boolean" }, ref],
      },
    ],
    [
      "a bounded integer",
      { type: "integer", minimum: 1 },
      { anyOf: [{ type: "integer", minimum: 1 }, ref] },
    ],
    [
      "a url",
      { type: "string", format: "uri" },
      { anyOf: [{ type: "string", format: "uri" }, ref] },
    ],
    [
      "an enum",
      { type: "string", enum: ["a", "b"] },
      { anyOf: [{ type: "string", enum: ["a", "b"] }, ref] },
    ],
    ["a const", { type: "number", const: 1 }, { anyOf: [{ type: "number", const: 1 }, ref] }],
    ["any string stays", { type: "string", minLength: 1 }, { type: "string", minLength: 1 }],
    ["a string or number stays", { type: ["string", "number"] }, { type: ["string", "number"] }],
    ["null stays", { type: "null" }, { type: "null" }],
    [
      "an anyOf gains one reference, not one per alternative",
      { description: "Size.", anyOf: [{ type: "number" }, { type: "string", pattern: "^\\d+b$" }] },
      {
        description: "Size.",
        anyOf: [{ type: "number" }, { type: "string", pattern: "^\\d+b$" }, ref],
      },
    ],
    [
      "an anyOf of objects and plain strings stays",
      { anyOf: [{ type: "string" }, { type: "object", properties: {} }] },
      { anyOf: [{ type: "string" }, { type: "object", properties: {} }] },
    ],
    [
      "a oneOf wraps inside its alternatives",
      { oneOf: [{ type: "object", properties: { on: { type: "boolean" } } }] },
      { oneOf: [{ type: "object", properties: { on: { anyOf: [{ type: "boolean" }, ref] } } }] },
    ],
    [
      "array items and record values, but not record keys",
      {
        type: "object",
        propertyNames: { type: "string", pattern: "^[a-z]+$" },
        additionalProperties: { type: "array", items: { type: "number" } },
      },
      {
        type: "object",
        propertyNames: { type: "string", pattern: "^[a-z]+$" },
        additionalProperties: { type: "array", items: { anyOf: [{ type: "number" }, ref] } },
      },
    ],
    [
      "not stays (accepting more there would reject more)",
      { not: { const: 1 } },
      { not: { const: 1 } },
    ],
  ])("%s", (_name, property, expected) => {
    expect(rewritten(property)).toEqual(expected);
  });

  it("keeps existing $defs, rewritten, and adds the reference schema", () => {
    const result = acceptEnvReferences({
      $defs: { flag: { type: "boolean" } },
      $ref: "#/$defs/flag",
    });
    expect(result).toEqual({
      $ref: "#/$defs/flag",
      $defs: { flag: { anyOf: [{ type: "boolean" }, ref] }, env_reference: envReferenceJsonSchema },
    });
  });

  it.each([
    ["${X}", true],
    ["${BOTHELP_DRY_RUN:-true}", true],
    ["${BASE:-https://crm.example.com}/api/v4", true],
    ["Bearer ${TOKEN}", true],
    ["${X:-}", true],
    ["$X", false],
    ["${1X}", false],
    ["${X-true}", false],
    ["{{ body.x }}", false],
  ])("the reference pattern on %s: %s", (text, matches) => {
    expect(new RegExp(envReferenceJsonSchema.pattern as string, "u").test(text)).toBe(matches);
  });
});
