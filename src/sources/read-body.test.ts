import { describe, expect, it } from "vitest";
import type { ParseMode } from "./source-settings-schema.ts";
import { readBody } from "./read-body.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const MULTIPART = "multipart/form-data; boundary=xyz";
const multipart = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n';

describe("readBody reads a body as the source's parse setting says", () => {
  it.each<[string, ParseMode, string | undefined, string, unknown, "json" | undefined]>([
    ["auto: a form", "auto", FORM, "a=1", { a: "1" }, undefined],
    ["auto: JSON sent as a form", "auto", FORM, '{"a":1}', { a: 1 }, "json"],
    ["auto: a JSON array sent as a form", "auto", FORM, "[1,2]", [1, 2], "json"],
    ["auto: JSON with white space around", "auto", FORM, '\r\n {"a":1} \n', { a: 1 }, "json"],
    ["auto: JSON with no content type", "auto", undefined, '{"a":1}', { a: 1 }, "json"],
    [
      "auto: JSON in another charset",
      "auto",
      `${FORM}; charset=utf-8`,
      '{"a":"é"}',
      { a: "é" },
      "json",
    ],
    ["auto: a form that only looks like JSON", "auto", FORM, "{a}", { "{a}": "" }, undefined],
    [
      "auto: a JSON string sent as a form stays a form",
      "auto",
      FORM,
      '"a"',
      { '"a"': "" },
      undefined,
    ],
    ["auto: no content type, not JSON", "auto", undefined, "hello", "hello", undefined],
    [
      "auto: JSON sent as text/plain stays text",
      "auto",
      "text/plain",
      '{"a":1}',
      '{"a":1}',
      undefined,
    ],
    ["auto: JSON", "auto", JSON_TYPE, '{"a":1}', { a: 1 }, undefined],
    ["json: a body sent as a form", "json", FORM, '{"a":1}', { a: 1 }, undefined],
    ["json: a body sent as text", "json", "text/plain", "[1]", [1], undefined],
    [
      "form: a body sent as JSON",
      "form",
      JSON_TYPE,
      "a=1&b[c]=2",
      { a: "1", b: { c: "2" } },
      undefined,
    ],
    ["form: multipart stays multipart", "form", MULTIPART, multipart, { a: "1" }, undefined],
    ["text: a body sent as JSON", "text", JSON_TYPE, '{"a":1}', '{"a":1}', undefined],
    ["text: a body sent as a form", "text", FORM, "a=1", "a=1", undefined],
    ["any mode: an empty body", "json", JSON_TYPE, "", undefined, undefined],
  ])("%s", async (_name, mode, type, text, body, parsedAs) => {
    const read = await readBody(Buffer.from(text), type, mode, 64);
    expect(read.body).toEqual(body);
    expect(read.parsedAs).toBe(parsedAs);
  });

  it.each<[string, ParseMode, string, string, string]>([
    ["json: a body that is not JSON", "json", FORM, "a=1", "invalid_json"],
    ["auto: JSON sent as a form, too deep", "auto", FORM, "[[[[[1]]]]]", "body_too_deep"],
  ])("refuses %s", async (_name, mode, type, text, code) => {
    await expect(readBody(Buffer.from(text), type, mode, 4)).rejects.toMatchObject({
      status: 400,
      code,
    });
  });
});
