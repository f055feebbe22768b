import { describe, expect, it } from "vitest";
import { areaOf, summarizeProfile } from "./summarize-profile.ts";

describe("areaOf", () => {
  it.each<[string, string, string]>([
    ["file:///app/node_modules/express/lib/router.js", "handle", "express"],
    ["file:///app/node_modules/@pinojs/redact/index.js", "redact", "@pinojs/redact"],
    ["file:///app/src/store/group-commit.ts", "flush", "src/store"],
    ["node:internal/http", "parserOnHeadersComplete", "node"],
    ["", "(garbage collector)", "(garbage collector)"],
    ["", "writev", "(native)"],
  ])("%s %s: %s", (url, name, area) => {
    expect(areaOf(url, name)).toBe(area);
  });
});

describe("summarizeProfile", () => {
  it("shares busy time by self and total, idle left out, by the src/ file nearest the leaf", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const summary = summarizeProfile({
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 5] },
        { id: 2, callFrame: frame("flush", "file:///a/src/store/group-commit.ts"), children: [3] },
        { id: 3, callFrame: frame("run", "file:///a/node_modules/x/i.js"), children: [] },
        { id: 5, callFrame: frame("(idle)", ""), children: [] },
      ],
      samples: [2, 3, 3, 3, 5],
      timeDeltas: [1000, 1000, 1000, 1000, 5000],
    });
    expect(summary.busyMs).toBe(4);
    expect(summary.areas.find((a) => a.name === "x")).toEqual({
      name: "x",
      self: 0.75,
      total: 0.75,
    });
    expect(summary.areas.find((a) => a.name === "src/store")).toEqual({
      name: "src/store",
      self: 0.25,
      total: 1,
    });
    expect(summary.owners).toEqual([{ name: "src/store/group-commit.ts", self: 1, total: 1 }]);
  });
});
