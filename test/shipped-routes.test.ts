import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/** The routes file `npm start` serves, and every example: what a newcomer runs first. */
const root = new URL("../", import.meta.url);
const shipped = [
  "routes.yaml",
  ...readdirSync(new URL("examples/", root))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => `examples/${name}`),
];

describe("shipped routes files", () => {
  it.each(shipped)("%s loads without a problem and without any variable set", async (file) => {
    const result = await loadConfig(new URL(file, root).pathname, {
      actions: createActions(),
      env: {},
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(readFileSync(new URL(file, root), "utf8")).toMatch(
      /^# yaml-language-server: \$schema=\.?\.?\/?(\.\.\/)?schema\/routes\.schema\.json\n/,
    );
  });
});

describe("routes.yaml as npm start serves it", () => {
  let t: TestBridge;
  afterEach(() => t.stop());

  it("takes the README's Tilda form and records, in dry run, what BotHelp and Metabot would get", async () => {
    t = await startBridge(readFileSync(new URL("routes.yaml", root), "utf8"));
    const form = new URLSearchParams({
      Name: "Anna Petrova",
      Phone: "+7 (912) 345-67-89",
      Email: "Anna@Example.com",
      formid: "form123456789",
      tranid: "1234567:8901234",
    }).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const first = await t.post("tilda", form, headers);
    expect(first.status).toBe(200);
    const repeat = await t.post("tilda", form, headers);
    expect(repeat.json).toMatchObject({ duplicate: true });
    // Tilda's test=test ping when the webhook is saved: 200, and nothing stored or routed
    expect((await t.post("tilda", "test=test", headers)).status).toBe(200);
    expect((await t.bridge.store.stats()).events).toBe(1);

    const deliveries = await t.settle();
    expect(deliveries.map((d) => [d.route_id, d.status]).sort()).toEqual([
      ["tilda-to-bothelp", "succeeded"],
      ["tilda-to-metabot", "succeeded"],
    ]);
    const sent: unknown[] = [];
    const answers: unknown[] = [];
    for (const delivery of deliveries.sort((a, b) => a.route_id.localeCompare(b.route_id)))
      for (const attempt of await t.bridge.store.listAttempts(delivery.id)) {
        expect(attempt.outcome).toBe("dry_run");
        for (const e of attempt.exchanges) sent.push([e.method, e.url, e.request_body]);
        answers.push([attempt.action_type, attempt.response_status, attempt.response_body]);
      }
    // Each attempt records the dry-run answer as its response: BotHelp's built-in lookup answer
    // (one subscriber, id 92), and the find-lead endpoint's dry_run_answer from routes.yaml.
    expect(answers).toEqual([
      ["bothelp.add_tags", 200, '{"success":true}'],
      ["bothelp.set_custom_fields", 200, '{"success":true}'],
      ["bothelp.start_flow", 200, '{"success":true}'],
      ["metabot.call_endpoint", 200, '{"lead_id":4242,"phone":"+79123456789"}'],
      ["metabot.schedule_job", 200, '{"success":true}'],
    ]);
    const [, metabot] = deliveries;
    expect(metabot?.outputs).toEqual({
      "0": { lead_id: 4242, phone: "+79123456789" },
      "1": { success: true },
    });
    const eventId = (first.json as { event_id: string }).event_id;
    expect(sent).toEqual([
      ["GET", "https://api.bothelp.io/v1/subscribers/?phone=%2B79123456789", undefined],
      [
        "PATCH",
        "https://api.bothelp.io/v1/subscribers/92",
        [{ op: "add", path: "/tags", value: ["tilda", "lead"] }],
      ],
      [
        "PATCH",
        "https://api.bothelp.io/v1/subscribers/92/customFields",
        [
          { op: "replace", path: "/name", value: "Anna Petrova" },
          { op: "replace", path: "/email", value: "anna@example.com" },
        ],
      ],
      ["POST", "https://api.bothelp.io/v1/subscribers/92/bot", { botReferral: "c1723106923821" }],
      [
        "POST",
        "https://app.metabot24.com/api/v1/bots/1/call/find-lead",
        {
          script_request_params: {
            event_id: eventId,
            phone: "+79123456789",
            name: "Anna Petrova",
          },
        },
      ],
      [
        "POST",
        "https://app.metabot24.com/api/v1/bots/1/jobs/schedule",
        {
          script_code: "tilda_followup",
          // the lead id of find-lead's dry_run_answer: the chain runs to its end in dry run
          lead_id: 4242,
          run_after_sec: 3600,
          script_request_params: {
            event_id: eventId,
            email: "anna@example.com",
            form: "form123456789",
          },
        },
      ],
    ]);
  });
});
