import { describe, expect, it } from "vitest";
import { base64Cores, secretPattern } from "./secret-pattern.ts";

const SECRET = "bh@Sec/ret+Key=1&x";
const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

describe("secretPattern", () => {
  it.each([
    ["as written", SECRET, SECRET],
    ["URL component", SECRET, encodeURIComponent(SECRET)],
    ["form encoding", SECRET, form(SECRET)],
    ["path-style (encodeURI)", SECRET, encodeURI(SECRET)],
    ["lower-case hex", SECRET, "bh%40Sec%2fret%2bKey%3d1%26x"],
    ["some characters encoded, some not", SECRET, "bh%40Sec/ret%2BKey=1&x"],
    ["percent-encoded twice", SECRET, encodeURIComponent(encodeURIComponent(SECRET))],
    ["a space as + (form)", "my secret value", form("my secret value")],
    ["a space as %20", "my secret value", encodeURIComponent("my secret value")],
    ["a + read back as a space", SECRET, SECRET.replace("+", " ")],
    ["JSON string escapes", 'q"uo\\te/x', JSON.stringify('q"uo\\te/x').slice(1, -1)],
    ["JSON with \\/ (PHP)", SECRET, SECRET.replaceAll("/", "\\/")],
    ["JSON escaped twice (a JSON text logged)", 'q"uo\\te', '"q\\\\\\"uo\\\\\\\\te"'.slice(1, -1)],
    ["JSON \\u escapes", "пароль-1234", "\\u043f\\u0430\\u0440\\u043E\\u043b\\u044c-1234"],
    ["UTF-8 percent-encoded", "пароль-1234", encodeURIComponent("пароль-1234")],
    ["a surrogate pair as \\u escapes", "🔑key-1234", "\\ud83d\\uDD11key-1234"],
  ])("finds the secret %s", (_name, secret, written) => {
    expect(`<${written}>`.replace(secretPattern(secret), "***")).toBe("<***>");
  });

  it.each([
    ["another value", SECRET, "bh@Sec/ret+Key=2&x"],
    ["a part of it", SECRET, "bh@Sec/ret"],
    ["other case (not hex)", SECRET, SECRET.toLowerCase()],
  ])("leaves %s alone", (_name, secret, text) => {
    expect(text.replace(secretPattern(secret), "***")).toBe(text);
  });
});

describe("base64Cores", () => {
  it.each([
    ["Basic auth user:password", (s: string) => `ivan:${s}`],
    ["the secret alone", (s: string) => s],
    ["one byte before", (s: string) => `a${s}tail`],
    ["two bytes before", (s: string) => `ab${s}t`],
  ])("are found in base64 of %s, in both alphabets", (_name, wrap) => {
    for (const secret of [SECRET, "s3cr3t-v4lue", "пароль?>>?"]) {
      const bytes = Buffer.from(wrap(secret));
      const cores = base64Cores(secret);
      for (const encoded of [bytes.toString("base64"), bytes.toString("base64url")])
        expect(cores.some((core) => encoded.includes(core))).toBe(true);
    }
  });

  it("are not found in base64 of another secret", () => {
    const encoded = Buffer.from(`ivan:${SECRET.replace("K", "k")}`).toString("base64");
    expect(base64Cores(SECRET).some((core) => encoded.includes(core))).toBe(false);
  });
});
