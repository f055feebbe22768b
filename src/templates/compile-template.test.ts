import { describe, expect, it } from "vitest";
import { compileTemplate } from "./compile-template.ts";
import { encodePathSegment } from "./encode-path-segment.ts";
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

describe("template helpers", () => {
  const helperContext: TemplateContext = {
    ...context,
    body: {
      ru_eight: "8 (999) 123-45-67",
      ru_spaced: "+7 999 123 45 67",
      ru_national: "9991234567",
      ru_number: 79991234567,
      de_national: "030 12345678",
      de_mobile: "0151 23456789",
      email: "  Ivan.Petrov@Example.COM ",
      email_blank: "",
      epoch_seconds: 1735689600,
      epoch_ms: 1735689600123,
      epoch_text: "1735689600",
      iso_offset: "2025-01-01T03:00:00+03:00",
      iso_west: "2025-06-01T12:30:00-04:00",
    },
  };

  it.each([
    ["$phone of 8 (999) 123-45-67", "{{ $phone(body.ru_eight) }}", "+79991234567"],
    ["$phone of +7 999 123 45 67", "{{ $phone(body.ru_spaced) }}", "+79991234567"],
    [
      "$phone of 9991234567 in the default country",
      "{{ $phone(body.ru_national) }}",
      "+79991234567",
    ],
    ["$phone of a JSON number", "{{ $phone(body.ru_number) }}", "+79991234567"],
    [
      "$phone of a German landline with DE",
      "{{ $phone(body.de_national, 'DE') }}",
      "+493012345678",
    ],
    ["$phone of a German mobile with de", "{{ $phone(body.de_mobile, 'de') }}", "+4915123456789"],
    ["$phone inside text", "tel:{{ $phone(body.ru_eight) }}", "tel:+79991234567"],
    ["$time of epoch seconds", "{{ $time(body.epoch_seconds) }}", "2025-01-01 00:00:00"],
    [
      "$time of epoch milliseconds",
      "{{ $time(body.epoch_ms, 'YYYY-MM-DD HH:mm:ss.SSS') }}",
      "2025-01-01 00:00:00.123",
    ],
    ["$time of epoch seconds as digits", "{{ $time(body.epoch_text) }}", "2025-01-01 00:00:00"],
    ["$time of ISO with an offset, in UTC", "{{ $time(body.iso_offset) }}", "2025-01-01 00:00:00"],
    [
      "$time with a picture and a time zone",
      "{{ $time(body.iso_west, 'DD.MM.YYYY HH:mm ZZ', 'Asia/Tokyo') }}",
      "02.06.2025 01:30 +09:00",
    ],
    [
      "$time with a picture in the default zone",
      "{{ $time(body.epoch_seconds, 'HH:mm ZZ') }}",
      "00:00 +00:00",
    ],
    ["$time of a missing value is absent", "{{ $time(body.missing) }}", undefined],
    ["$email trims and lower-cases", "{{ $email(body.email) }}", "ivan.petrov@example.com"],
    ["$email of a missing value is absent", "{{ $email(body.missing) }}", undefined],
    ["$email of a missing value inside text is empty", "<{{ $email(body.missing) }}>", "<>"],
    ["$email of an empty string stays empty", "{{ $email(body.email_blank) }}", ""],
  ])("%s", async (_name, text, expected) => {
    expect(await compileTemplate(text, functions).render(helperContext)).toEqual(expected);
  });

  it.each([
    [
      "$phone of too few digits",
      "{{ $phone('12345') }}",
      "invalid_phone",
      `{{ $phone('12345') }}: $phone: "12345" is not a phone number`,
    ],
    [
      "$phone of a German number without its country",
      "{{ $phone(body.de_national) }}",
      "invalid_phone",
      `{{ $phone(body.de_national) }}: $phone: "030 12345678" is not a valid phone number`,
    ],
    [
      "$phone of an object",
      "{{ $phone({'n': 1}) }}",
      "invalid_phone",
      "{{ $phone({'n': 1}) }}: $phone: expected a string or number, got object",
    ],
    [
      "$time of words",
      "{{ $time('yesterday') }}",
      "invalid_time",
      `{{ $time('yesterday') }}: "yesterday" is not a date or time`,
    ],
    [
      "$time in an unknown zone",
      "{{ $time(body.epoch_seconds, 'HH:mm', 'Mars/Olympus') }}",
      "invalid_time",
      `{{ $time(body.epoch_seconds, 'HH:mm', 'Mars/Olympus') }}: unknown time zone "Mars/Olympus"`,
    ],
  ])("%s fails with its code", async (_name, text, code, message) => {
    const rendering = compileTemplate(text, functions).render(helperContext);
    await expect(rendering).rejects.toBeInstanceOf(TemplateError);
    await expect(rendering).rejects.toMatchObject({ code, message });
  });
});

describe("compileTemplate with encode (a URL path)", () => {
  const encode = encodePathSegment;

  it.each([
    [
      "each value is encoded",
      "/x/{{ body.Name }}/{{ body.price }}",
      "/x/%D0%98%D0%B2%D0%B0%D0%BD/999",
    ],
    [
      "a single expression becomes a string",
      "{{ body.nested }}",
      "%7B%22a%22%3A%5B1%2C2%2C3%5D%7D",
    ],
    ["a slash in a value stays in its segment", "/x/{{ 'a/../b' }}", "/x/a%2F..%2Fb"],
  ])("%s", async (_name, text, expected) => {
    expect(await compileTemplate(text, functions, { encode }).render(context)).toBe(expected);
  });

  it.each([
    ["..", "/x/{{ '..' }}", `{{ '..' }}: rendered ".."`],
    [".", "/x/{{ '.' }}", `{{ '.' }}: rendered "."`],
  ])("refuses %s with invalid_path", async (_name, text, message) => {
    const rendering = compileTemplate(text, functions, { encode }).render(context);
    await expect(rendering).rejects.toBeInstanceOf(TemplateError);
    await expect(rendering).rejects.toMatchObject({ code: "invalid_path" });
    await expect(rendering).rejects.toThrow(message);
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
