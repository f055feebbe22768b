import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAnswers } from "./read-answers.ts";

const dir = mkdtempSync(join(tmpdir(), "botbridge-answers-"));
const json = join(dir, "lead.json");
const text = join(dir, "lead.txt");
writeFileSync(json, '{"lead_id": 7}');
writeFileSync(text, "lead_id: 7");

describe("readAnswers (explain --answer STEP=FILE)", () => {
  it("reads each step's JSON answer", () => {
    expect(readAnswers([`lead=${json}`, `other=${json}`])).toEqual(
      new Map([
        ["lead", { lead_id: 7 }],
        ["other", { lead_id: 7 }],
      ]),
    );
  });

  it.each([
    ["lead", "--answer lead: expected STEP=FILE"],
    ["=x.json", "--answer =x.json: expected STEP=FILE"],
    ["lead=", "--answer lead=: expected STEP=FILE"],
    [`lead=${join(dir, "none.json")}`, `--answer lead=${join(dir, "none.json")}: cannot read`],
    [`lead=${text}`, `--answer lead=${text}: ${text} is not JSON`],
  ])("says what is wrong with %s", (option, message) => {
    expect(readAnswers([option])).toContain(message);
  });
});
