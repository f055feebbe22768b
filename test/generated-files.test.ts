import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedFiles } from "../scripts/generated-files.ts";

describe("generated files are up to date (run npm run gen)", () => {
  it.each(Object.entries(generatedFiles()))("%s", (path, content) => {
    expect(readFileSync(new URL(`../${path}`, import.meta.url), "utf8")).toBe(content);
  });
});
