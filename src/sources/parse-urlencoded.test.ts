import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import qs from "qs";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../../test/read-fixture.ts";
import { parseUrlencoded } from "./parse-urlencoded.ts";

describe("parseUrlencoded", () => {
  it.each<[string, string, unknown]>([
    ["flat fields", "a=1&b=two", { a: "1", b: "two" }],
    ["+ and escapes", "name=%D0%98%D0%B2%D0%B0%D0%BD+P&e=a%40b.c", { name: "Иван P", e: "a@b.c" }],
    ["a bad escape kept as written", "a=%E0%A4%A&b=%zz", { a: "%E0%A4%A", b: "%zz" }],
    ["no =", "a&b=", { a: "", b: "" }],
    ["empty parts and names", "&&=x&a=1&", { a: "1" }],
    ["only the first = splits", "a=b=c", { a: "b=c" }],
    ["a ]= splits after the bracket", "a[b=c]=d", { a: { "b=c": "d" } }],
    ["brackets, encoded or not", "a%5Bb%5D=1&a[c]=2", { a: { b: "1", c: "2" } }],
    ["a repeated name", "a=1&b=x&a=2&a=3", { a: ["1", "2", "3"], b: "x" }],
    ["indexes in order, gaps closed", "a[2]=z&a[0]=x&a[7]=y", { a: ["x", "z", "y"] }],
    ["pushes", "a[]=x&a[]=y", { a: ["x", "y"] }],
    ["a push after an index", "a[0]=x&a[]=y", { a: ["x", "y"] }],
    ["a repeated index", "a[0]=x&a[0]=y", { a: [["x", "y"]] }],
    ["a push with more below is item 0", "a[][b]=1&a[][c]=2", { a: [{ b: "1", c: "2" }] }],
    ["indexes and names make an object", "a[0]=x&a[b]=y", { a: { 0: "x", b: "y" } }],
    ["an index past 99,999 is a name", "a[100000]=x", { a: { 100000: "x" } }],
    ["a non-canonical index is a name", "a[01]=x&a[-1]=y", { a: { "01": "x", "-1": "y" } }],
    ["a value and a nesting under one name", "a[b]=2&a=1", { a: ["1", { b: "2" }] }],
    ["a value before pushes", "a=1&a[]=2", { a: ["1", "2"] }],
    ["top-level brackets", "[a]=1&[0]=2", { a: "1", 0: "2" }],
    ["nested brackets in one group", "a[b[c]]=1", { a: { "b[c]": "1" } }],
    ["text between groups dropped", "a[b]x[c]=1", { a: { b: { c: "1" } } }],
    ["an unclosed group", "a[b=1", { a: { "[b": "1" } }],
    ["__proto__ dropped from its step on", "__proto__[x]=1&a[__proto__][y]=2", { a: {} }],
    [
      "constructor kept",
      "constructor[prototype]=1&toString=2",
      { constructor: { prototype: "1" }, toString: "2" },
    ],
    [
      "amoCRM",
      "leads[status][0][id]=1&leads[status][1][id]=2",
      { leads: { status: [{ id: "1" }, { id: "2" }] } },
    ],
  ])("%s", (_name, text, expected) => {
    expect(parseUrlencoded(text, { depth: 32 })).toEqual(expected);
  });

  it("reads iso-8859-1 escapes as single bytes", () => {
    expect(parseUrlencoded("a=caf%E9&b=%zz", { depth: 32, charset: "iso-8859-1" })).toEqual({
      a: "café",
      b: "%zz",
    });
  });

  it("splits `depth` brackets deep and keeps the rest of the name as one key", () => {
    const name = `a${"[b]".repeat(34)}`;
    let expected: unknown = { "[b][b]": "1" };
    for (let i = 0; i < 32; i += 1) expected = { b: expected };
    expect(parseUrlencoded(`${name}=1`, { depth: 32 })).toEqual({ a: expected });
  });
});

/** What qs gave for the same text, with the options botbridge used before its own parser. */
const qsParse = (text: string) =>
  qs.parse(text, {
    depth: 32,
    arrayLimit: 100_000,
    parameterLimit: Infinity,
    allowPrototypes: true,
  });

describe("parseUrlencoded reads real bodies as qs did", () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith(".form"));

  it.each(fixtures)("%s", (name) => {
    const text = readFileSync(join(FIXTURES, name), "utf8");
    expect(parseUrlencoded(text, { depth: 32 })).toEqual(qsParse(text));
  });

  it.each<[string, string]>([
    ["checkboxes", "Name=Ivan&services[]=a&services[]=b&services[]=c"],
    ["Elementor", "fields[name][id]=name&fields[name][value]=Ivan&fields[email][value]=a%40b.c"],
    ["Bitrix24", "event=ONCRMLEADADD&data[FIELDS][ID]=9&auth[domain]=x.bitrix24.ru&ts=1"],
    [
      "amoCRM custom fields",
      "leads[add][0][custom_fields][0][id]=5&leads[add][0][custom_fields][0][values][0][value]=x&leads[add][0][custom_fields][0][values][1][value]=y&leads[add][0][custom_fields][1][id]=6",
    ],
    [
      "a 200-lead amoCRM batch",
      Array.from(
        { length: 200 },
        (_, i) => `leads[status][${i}][id]=${1000 + i}&leads[status][${i}][status_id]=5`,
      ).join("&"),
    ],
    ["repeated flat names", "tag=a&tag=b&tag=c&x=1"],
    ["an empty value", "a=&b"],
  ])("%s", (_name, text) => {
    expect(parseUrlencoded(text, { depth: 32 })).toEqual(qsParse(text));
  });
});
