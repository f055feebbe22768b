import { describe, expect, it } from "vitest";
import type { TargetUse } from "../target-check.ts";
import { collectBothelpReferrals } from "./collect-bothelp-referrals.ts";

const use = (type: string, params: Record<string, unknown>, action = 0): TargetUse => ({
  target: "bothelp",
  route: "r",
  action,
  type,
  params,
});

describe("collectBothelpReferrals", () => {
  it.each<[string, TargetUse[], unknown[]]>([
    [
      "a flow and its step",
      [use("bothelp.start_flow", { flow: "c1", step: "s1" })],
      [
        { kind: "flow", referral: "c1", route: "r", action: 0 },
        { kind: "step", referral: "s1", flow: "c1", route: "r", action: 0 },
      ],
    ],
    [
      "a referral YAML read as a number",
      [use("bothelp.add_to_sequence", { sequence: 1723638253735 }, 2)],
      [{ kind: "sequence", referral: "1723638253735", route: "r", action: 2 }],
    ],
    [
      "templated referrals are known only per event",
      [use("bothelp.stop_flow", { flow: "{{ body.flow }}" })],
      [],
    ],
    [
      "a step whose flow is templated",
      [use("bothelp.start_flow", { flow: "{{ body.flow }}", step: "s1" })],
      [],
    ],
    [
      "actions without referrals",
      [use("bothelp.add_tags", { tags: ["x"], flow: "c1" }), use("http.request", { flow: "c1" })],
      [],
    ],
    [
      "removal from a sequence",
      [use("bothelp.remove_from_sequence", { sequence: "f2" }, 4)],
      [{ kind: "sequence", referral: "f2", route: "r", action: 4 }],
    ],
  ])("%s", (_name, uses, expected) => {
    expect(collectBothelpReferrals(uses)).toEqual(
      expected.map((r) => ({ target: "bothelp", ...(r as object) })),
    );
  });
});
