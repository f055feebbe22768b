import { describe, expect, it } from "vitest";
import { pickLanguage } from "./text-of.ts";

describe("pickLanguage", () => {
  const cases: [string | undefined, string | undefined, string][] = [
    [undefined, undefined, "en"],
    [undefined, "ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    [undefined, "en-US,en;q=0.9,ru;q=0.8", "en"],
    [undefined, "de-DE,ru;q=0.5,en;q=0.4", "ru"],
    [undefined, "en;q=0.3,ru;q=0.7", "ru"],
    [undefined, "ru;q=0", "en"],
    [undefined, "fr", "en"],
    ["en", "ru", "en"],
    ["ru", "en", "ru"],
    ["xx", "ru", "ru"],
  ];
  it.each(cases)("cookie %s, Accept-Language %s: %s", (cookie, accept, expected) => {
    expect(pickLanguage(cookie, accept)).toBe(expected);
  });
});
