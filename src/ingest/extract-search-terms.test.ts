import { describe, expect, it } from "vitest";
import { MAX_TERMS, queryTermsOf, searchTermsOf, searchTextOf } from "./extract-search-terms.ts";

describe("searchTermsOf", () => {
  it.each<[string, string, string[]]>([
    ["a phone with a trunk 8 and a mask", "8 (912) 345-67-89", ["+79123456789"]],
    ["a phone in international form", "+7 912 345 67 89", ["+79123456789"]],
    ["a phone whose + was lost", "79123456789", ["+79123456789"]],
    ["a national number without trunk prefix", "9123456789", ["+79123456789"]],
    ["a phone with dots", "+7.912.345.67.89", ["+79123456789"]],
    ["a phone of another country", "+1 (212) 555-0100 or", ["+12125550100"]],
    ["an e-mail, lowercased", "Anna.Petrova@Example.COM", ["anna.petrova@example.com"]],
    ["a Cyrillic e-mail domain", "иван@почта.рф", ["иван@почта.рф"]],
    [
      "words, lowercased, one-letter ones left out",
      "Иван Петров a Ёлка",
      ["иван", "петров", "ёлка"],
    ],
    ["words and digits, each once", "order 42 paid, order 42", ["order", "42", "paid"]],
    ["no valid phone in a short number", "code 123456", ["code", "123456"]],
    [
      "a phone on its own line, not joined to the value before",
      "3\n8 (912) 345-67-89",
      ["+79123456789"],
    ],
    ["nothing", "", []],
  ])("%s", (_, text, expected) => {
    const terms = searchTermsOf(text, "RU");
    for (const term of expected) expect(terms).toContain(term);
    if (expected.length === 0) expect(terms).toEqual([]);
  });

  it("gives the phone term first, then the words of the same text", () => {
    expect(searchTermsOf("Tel: 8 (912) 345-67-89", "RU")).toEqual([
      "+79123456789",
      "tel",
      "912",
      "345",
      "67",
      "89",
    ]);
  });

  it("reads national numbers in the default country", () => {
    expect(searchTermsOf("87012345678", "KZ")).toContain("+77012345678");
  });

  it("keeps at most MAX_TERMS distinct terms, the e-mails and phones among them", () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${i}`).join(" ");
    const terms = searchTermsOf(`${words} a@b.io +79123456789`, "RU");
    expect(terms).toHaveLength(MAX_TERMS);
    expect(terms.slice(0, 2)).toEqual(["a@b.io", "+79123456789"]);
  });

  it.each<[string, string, string[]]>([
    ["an e-mail after a comma", "x,Anna@Example.com", ["anna@example.com"]],
    ["an e-mail before a full stop", "mail anna@example.com.", ["anna@example.com"]],
    ["an e-mail in brackets", "<anna@example.com>", ["anna@example.com"]],
    ["two e-mails sharing no part", "a@b.io c@d.io", ["a@b.io", "c@d.io"]],
    [
      "a local part of more than 64: its last 64",
      `${"x".repeat(70)}@b.io`,
      [`${"x".repeat(64)}@b.io`],
    ],
    ["no top-level domain: no e-mail", "anna@localhost", []],
  ])("finds e-mails from their @: %s", (_, text, expected) => {
    const emails = searchTermsOf(text, "RU").filter((term) => term.includes("@"));
    expect(emails).toEqual(expected);
  });

  // Each used to be one regular expression over the whole text; a run of letters made it
  // quadratic (64 KB of them held the event loop for over 3 s).
  it.each<[string, string]>([
    ["letters", "x".repeat(65_536)],
    ["letters, then an @", `${"x".repeat(65_535)}@`],
    ["an @, then letters", `@${"x".repeat(65_535)}`],
    ["a@ repeated", "a@".repeat(32_768)],
    ["dotted domains without a top level", `a@${"b.".repeat(32_000)}1`],
    ["digits", "1".repeat(65_536)],
    ["digits and spaces", "1 ".repeat(32_768)],
    ["a digit, then separators", `1${"-".repeat(100)}x`.repeat(640)],
    ["one-letter words", "a ".repeat(32_768)],
  ])("reads 64 KB of %s in linear time", (_, text) => {
    const started = performance.now();
    searchTermsOf(text, "RU");
    expect(performance.now() - started).toBeLessThan(250);
  });

  it("leaves out words longer than 64 characters (tokens, hashes)", () => {
    expect(searchTermsOf(`${"f".repeat(65)} ok`, "RU")).toEqual(["ok"]);
  });
});

describe("queryTermsOf", () => {
  it.each<[string, string, string[]]>([
    ["a phone as typed", "8 (912) 345-67-89", ["+79123456789"]],
    ["a phone in international form", "+79123456789", ["+79123456789"]],
    ["a phone without its +", "79123456789", ["+79123456789"]],
    ["an e-mail", " Anna@Example.com ", ["anna@example.com"]],
    ["words: every one must match", "Иван  Петров", ["иван", "петров"]],
    ["digits that are no phone: a word", "123", ["123"]],
    ["nothing searchable", "a !", []],
  ])("%s", (_, q, expected) => {
    expect(queryTermsOf(q, "RU")).toEqual(expected);
  });

  it.each(["8 (912) 345-67-89", "+7 912 345 67 89", "79123456789", "+7-912-345-67-89"])(
    "finds the stored phone however it was written: %s",
    (written) => {
      const [term] = queryTermsOf(written, "RU");
      expect(searchTermsOf("phone: 8 912 3456789", "RU")).toContain(term);
    },
  );
});

describe("searchTextOf", () => {
  it("joins the strings and numbers of body and query, not their keys nor the redaction mark", () => {
    const text = searchTextOf(
      [
        { name: "Иван", phone: 79123456789, card: "[redacted]", tags: ["a", { x: true }] },
        { utm: "ads" },
      ],
      "[redacted]",
    );
    expect(text.split("\n")).toEqual(["Иван", "79123456789", "a", "ads"]);
  });
});
