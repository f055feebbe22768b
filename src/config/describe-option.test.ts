import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conditionSchema } from "../routing/condition-schema.ts";
import { byteSizeSchema } from "../core/byte-size-schema.ts";
import { describeOption } from "./describe-option.ts";
import { durationSchema } from "../core/duration-schema.ts";
import { listOptions } from "./list-options.ts";

describe("describeOption", () => {
  it.each<[string, z.ZodType, Record<string, unknown>]>([
    [
      "a bounded integer with a default",
      z
        .int()
        .min(1)
        .max(10)
        .default(3)
        .meta({ description: "How many.", examples: [5] }),
      {
        type: "integer 1–10",
        required: false,
        default: { value: 3 },
        description: "How many.",
        example: { value: 5 },
      },
    ],
    [
      "a duration's default as written",
      durationSchema.prefault("10s").meta({ description: "How long." }),
      { type: "duration", required: false, default: { value: "10s" }, description: "How long." },
    ],
    [
      "a size, inner meta after the outer",
      byteSizeSchema.optional().meta({ examples: ["2mb"] }),
      {
        type: "size",
        required: false,
        description: "A size: 512kb, 1mb, or a number of bytes.",
        example: { value: "2mb" },
      },
    ],
    [
      "a required string",
      z.string().meta({ description: "Name." }),
      { type: "string", required: true, description: "Name." },
    ],
    [
      "an optional enum",
      z.enum(["a", "b"]).optional(),
      { type: "one of `a`, `b`", required: false },
    ],
    [
      "a map with a titled key",
      z.record(z.string().meta({ title: "header" }), z.string()),
      { type: "map of header to string", required: true },
    ],
    ["a list of URLs", z.array(z.url()), { type: "list of URL", required: true }],
    ["a union", z.union([z.boolean(), z.int()]), { type: "boolean or integer", required: true }],
    [
      "a condition",
      conditionSchema.optional(),
      { type: "[condition](#conditions)", required: false },
    ],
    [
      "an object or null",
      z.union([z.strictObject({}), z.null()]),
      { type: "object", required: true },
    ],
  ])("%s", (_name, schema, expected) => {
    const { core: _core, ...described } = describeOption(schema, "x");
    expect(described).toEqual(expected);
  });

  it("refuses a .default() that holds a parsed value, naming the option", () => {
    expect(() => describeOption(durationSchema.default(1000), "server.wait")).toThrow(
      "server.wait: write the default as .prefault(<value as written>)",
    );
  });
});

describe("listOptions", () => {
  const schema = z.strictObject({
    a: z.strictObject({ b: z.int().default(1) }).prefault({}),
    c: z.array(z.strictObject({ d: z.string() })),
    e: z.record(z.string().meta({ title: "key" }), z.strictObject({ f: z.boolean() })).optional(),
    g: z.object({ h: z.string().optional() }).catchall(z.unknown().meta({ title: "other" })),
  });

  it.each([
    ["a", true, false],
    ["a.b", false, false],
    ["c", true, true],
    ["c[].d", false, true],
    ["e", true, false],
    ["e.<key>.f", false, true],
    ["g", true, true],
    ["g.h", false, false],
    ["g.<other>", false, true],
  ])("%s: has options %s, required %s", (path, hasOptions, required) => {
    const option = listOptions(schema, "").find((o) => o.path === path);
    expect(option && { hasOptions: option.hasOptions, required: option.required }).toEqual({
      hasOptions,
      required,
    });
  });

  it("lists each option once, in order, each before the options inside it", () => {
    expect(listOptions(schema, "root").map((o) => o.path)).toEqual([
      "root.a",
      "root.a.b",
      "root.c",
      "root.c[].d",
      "root.e",
      "root.e.<key>.f",
      "root.g",
      "root.g.h",
      "root.g.<other>",
    ]);
  });
});
