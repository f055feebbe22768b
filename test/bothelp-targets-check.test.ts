import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBotbridge } from "./run-botbridge.ts";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * BotHelp accepts unknown referrals silently, so the routes' flows, steps and sequences are
 * checked against its lists: by serve at start (logged) and by `botbridge targets check`.
 */
const routes = `  - id: onboarding
    source: forms
    actions:
      - bothelp.start_flow: { subscriber: { id: 1 }, flow: c1, step: s1 }
      - bothelp.start_flow: { subscriber: { id: 1 }, flow: c1, step: 404 }
      - bothelp.start_flow: { subscriber: { id: 1 }, flow: c9 }
      - bothelp.add_to_sequence: { subscriber: { id: 1 }, sequence: f1 }
      - bothelp.remove_from_sequence: { subscriber: { id: 1 }, sequence: f2 }
      - bothelp.stop_flow: { subscriber: { id: 1 }, flow: "{{ body.flow }}" }`;

const fake = {
  bots: [
    { title: "Приветствие", referral: "c1", steps: [{ title: "Шаг 1", referral: "s1" }] },
    { title: "Оплата", referral: "c2" },
  ],
  funnels: [{ title: "Прогрев", referral: "f1" }],
};

let b: BothelpBridge;

beforeEach(async () => {
  b = await startBothelpBridge(routes, { fake, checkReferrals: true });
});

afterEach(async () => {
  await b.stop();
});

describe("BotHelp referral check", () => {
  it("runs when serve starts and logs each referral BotHelp does not have", async () => {
    await b.t.until(() => b.t.logs.filter((l) => l.referral !== undefined).length === 3);
    const warnings = b.t.logs
      .filter((l) => l.referral !== undefined)
      .map((l) => [l.route_id, l.action, l.kind, l.referral, l.msg]);
    expect(warnings).toEqual([
      [
        "onboarding",
        2,
        "step",
        "404",
        expect.stringMatching(/^BotHelp has no step 404 in flow c1:/),
      ],
      ["onboarding", 3, "flow", "c9", expect.stringMatching(/^BotHelp has no flow c9:/)],
      ["onboarding", 5, "sequence", "f2", expect.stringMatching(/^BotHelp has no sequence f2:/)],
    ]);
    expect(b.apiCalls().map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /v1/bots/",
      "GET /v1/funnels/",
      "GET /v1/bots/c1/steps",
    ]);
  });

  it("botbridge targets check lists flows, steps and sequences and exits 1 on a miss", async () => {
    const file = join(b.t.dir, "routes.yaml");
    const env = {
      ...process.env,
      BOTHELP_URL: b.fake.url,
      BOTHELP_CLIENT_ID: b.fake.clientId,
      BOTHELP_CLIENT_SECRET: b.fake.clientSecret,
    };
    const failed = await runBotbridge(["-c", file, "targets", "check"], { env });
    expect(failed.status).toBe(1);
    expect(failed.stdout.trim().split("\n")).toEqual([
      "bothelp:",
      "  flows (2):",
      "    c1  Приветствие",
      "      step s1  Шаг 1",
      "    c2  Оплата",
      "  sequences (1):",
      "    f1  Прогрев",
      "  missing (3):",
      "    step 404 of flow c1: route onboarding, action 2",
      "    flow c9: route onboarding, action 3",
      "    sequence f2: route onboarding, action 5",
    ]);
    expect(failed.stdout).not.toContain(b.fake.clientSecret);

    writeFileSync(file, `version: 1\ntargets:\n  bothelp: { type: bothelp, dry_run: true }\n`);
    const skipped = await runBotbridge(["-c", file, "targets", "check"], { env });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stdout.trim()).toBe("bothelp: skipped (dry run: nothing is sent)");
  });
});
