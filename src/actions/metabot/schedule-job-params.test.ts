import { describe, expect, it } from "vitest";
import { templatable } from "../../core/templatable.ts";
import { issueMessage } from "../../core/issue-message.ts";
import { scheduleJobParams } from "./schedule-job-params.ts";

const atLoad = templatable(scheduleJobParams);

function problems(schema: typeof atLoad, value: unknown): string[] {
  const result = schema.safeParse(value, { error: issueMessage });
  return (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("scheduleJobParams", () => {
  it.each<[string, unknown, string[], string[]]>([
    ["one literal target", { trigger_code: "x" }, [], []],
    [
      "two literal targets",
      { script_id: 1, broadcast_code: "b" },
      ["broadcast_code: expected only one job target"],
      ["broadcast_code: expected only one job target"],
    ],
    ["no target", { lead_id: 1 }, [": expected one of script_id"], [": expected one of script_id"]],
    // A template may render absent, so only the rendered job can tell (run() counts again).
    ["a literal and a template", { script_id: 1, trigger_code: "{{ body.t }}" }, [], []],
    [
      "run_at and run_after_sec",
      { script_id: 1, run_at: "2026-01-01 10:00:00", run_after_sec: 5 },
      ["run_after_sec: expected run_at or run_after_sec, not both"],
      ["run_after_sec: expected run_at or run_after_sec, not both"],
    ],
    [
      "run_at as a template",
      { script_id: 1, run_at: "{{ body.at }}", run_after_sec: 5 },
      [],
      ["run_at: expected a date"],
    ],
    [
      "a date that does not exist",
      { script_id: 1, run_at: "2026-02-29" },
      ["run_at: expected a date"],
      ["run_at: expected a date"],
    ],
    ["epoch seconds", { script_id: 1, run_at: 1_795_000_000 }, [], []],
    [
      "a negative delay",
      { script_id: 1, run_after_sec: -1 },
      ["run_after_sec: expected >= 0"],
      ["run_after_sec: expected >= 0"],
    ],
    [
      "an unknown key",
      { script_id: 1, priority: 1 },
      [': unknown key "priority"'],
      [': unknown key "priority"'],
    ],
  ])("%s", (_name, value, load, dispatch) => {
    const startsWith = (expected: string[]) =>
      expected.map(
        (e) => expect.stringMatching(`^${e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) as unknown,
      );
    expect(problems(atLoad, value)).toEqual(startsWith(load));
    expect(problems(scheduleJobParams, value)).toEqual(startsWith(dispatch));
  });

  it.each([
    [{ add_tags: ["a", " b ", ""] }, { add_tags: "a,b" }],
    [{ add_tags: "a, b,,c " }, { add_tags: "a,b,c" }],
    [
      { lead_id: "135", ticket_id: " 7 ", run_after_sec: "0" },
      { lead_id: 135, ticket_id: 7, run_after_sec: 0 },
    ],
  ])("normalizes %j", (input, output) => {
    expect(scheduleJobParams.parse({ script_id: 1, ...input })).toEqual({
      script_id: 1,
      ...output,
    });
  });
});
