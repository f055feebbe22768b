import { describe, expect, it } from "vitest";
import { didYouMean } from "./did-you-mean.ts";

describe("didYouMean", () => {
  it.each<[string, string, string[], string]>([
    ["one letter swapped with its neighbour", "prot", ["port", "body_limit"], "port"],
    ["a swap in a long word", "http.requset", ["http.request", "bothelp.add_tags"], "http.request"],
    ["a missing letter", "body_limt", ["port", "body_limit"], "body_limit"],
    ["letter case ignored", "Sources", ["sources"], "sources"],
    ["the closest of several", "tilta", ["tally", "tilda"], "tilda"],
    ["the first of equally close ones", "cat", ["bat", "cut"], "bat"],
    ["one edit allowed in a short word", "ab", ["abc"], "abc"],
    ["a third of the length allowed: 2 of 6", "abcdef", ["abxyef"], "abxyef"],
  ])("%s: %s", (_name, word, options, hint) => {
    expect(didYouMean(word, options)).toBe(`; did you mean "${hint}"?`);
  });

  it.each<[string, string, string[]]>([
    ["nothing close", "xyz", ["port"]],
    ["two edits in a short word", "ab", ["xyz"]],
    ["more than a third of the length: 3 of 6", "abcdef", ["axyzef"]],
    ["no options", "port", []],
  ])("nothing when %s: %s", (_name, word, options) => {
    expect(didYouMean(word, options)).toBe("");
  });
});
