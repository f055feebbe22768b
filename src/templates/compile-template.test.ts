import { describe, expect, it } from "vitest";
import { compileTemplate } from "./compile-template.ts";
import type { TemplateContext } from "./template-context.ts";
import { TemplateError, TemplateSyntaxError } from "./template-error.ts";
import { createTemplateFunctions } from "./template-functions.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });

const context: TemplateContext = {
  body: {
    Name: "Иван",
    Email: "  Ivan.Petrov@Example.COM ",
    Phone: "+7 (999) 123-45-67",
    lead_id: "135",
    price: 999,
    nested: { a: [1, 2, 3] },
    empty: null,
  },
  query: { token: "t" },
  headers: { "content-type": "application/x-www-form-urlencoded" },
  source: "tilda",
  event: { id: "evt-1", received_at: "2025-01-01T00:00:00.000Z" },
  steps: { lookup: { lead_id: 42 } },
};

describe("compileTemplate renders", () => {
  it.each([
    ["a single expression keeps a number", "{{ body.price }}", 999],
    ["a single expression keeps an object", "{{ body.nested }}", { a: [1, 2, 3] }],
    ["a single expression keeps an array", "{{ body.nested.a }}", [1, 2, 3]],
    ["$number converts text", "{{ $number(body.lead_id) }}", 135],
    ["text around makes a string", "id={{ body.price }}", "id=999"],
    [
      "two expressions interpolate",
      "{{ body.Name }} <{{ $email(body.Email) }}>",
      "Иван <ivan.petrov@example.com>",
    ],
    ["a missing value is absent", "{{ body.missing }}", undefined],
    ["a missing value inside text is empty", "x{{ body.missing }}y", "xy"],
    ["null inside text is empty", "x{{ body.empty }}y", "xy"],
    ["an object inside text is JSON", "n={{ body.nested }}", 'n={"a":[1,2,3]}'],
    ["literal text stays", "plain text", "plain text"],
    ["an object constructor with braces", '{{ {"a": {"b": body.price}} }}', { a: { b: 999 } }],
    ["a string holding braces", '{{ "}}" & body.Name }}', "}}Иван"],
    ["steps are readable", "{{ steps.lookup.lead_id }}", 42],
    ["event fields", "{{ event.id }}/{{ source }}", "evt-1/tilda"],
    ["headers by name", "{{ headers.`content-type` }}", "application/x-www-form-urlencoded"],
    ["$phone normalises a mask", "{{ $phone(body.Phone) }}", "+79991234567"],
    ["$phone of a missing value is absent", "{{ $phone(body.missing) }}", undefined],
    ["$time formats epoch seconds", "{{ $time(1735689600) }}", "2025-01-01 00:00:00"],
    [
      "$time with picture and zone",
      "{{ $time('2025-01-01T00:00:00Z', 'DD.MM.YYYY HH:mm ZZ', 'Europe/Moscow') }}",
      "01.01.2025 03:00 +03:00",
    ],
  ])("%s", async (_name, text, expected) => {
    expect(await compileTemplate(text, functions).render(context)).toEqual(expected);
  });
});

describe("compileTemplate reports", () => {
  it.each([
    ["an unclosed template", "hello {{ body.Name", 6, "unclosed"],
    ["an empty template", "{{  }}", 0, "empty"],
    ["a JSONata syntax error at its offset", "ab{{ body.( }}", 11, "does not compile"],
  ])("%s", (_name, text, offset, message) => {
    try {
      compileTemplate(text, functions);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateSyntaxError);
      expect((error as TemplateSyntaxError).offset).toBe(offset);
      expect((error as Error).message).toContain(message);
    }
  });

  it("a helper error with its code", async () => {
    const template = compileTemplate("{{ $phone('call me') }}", functions);
    await expect(template.render(context)).rejects.toThrow(TemplateError);
    await expect(template.render(context)).rejects.toMatchObject({ code: "invalid_phone" });
  });

  it.each([
    ["{{ steps.lookup.id }}", true],
    ["{{ $number(steps.lookup.id) + 1 }}", true],
    ["{{ body.steps }}", false],
    ["{{ body[id = steps.x] }}", true],
    ["{{ body.Name }}", false],
  ])("usesSteps of %s is %s", (text, expected) => {
    expect(compileTemplate(text, functions).usesSteps).toBe(expected);
  });
});
