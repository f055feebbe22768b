import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Explanation } from "../src/admin/explain-request.ts";
import { fixtureArgs, runBotbridge } from "./run-botbridge.ts";

/**
 * `botbridge explain` on examples/amocrm-enrich.yaml renders every action of its chain: each
 * amoCRM read is answered by its dry_run_answer, or by a one-off --answer STEP=FILE, and the
 * BotHelp actions use the phone of the contact that answer names.
 */
const ROOT = join(import.meta.dirname, "..");
const example = join(ROOT, "examples", "amocrm-enrich.yaml");
const answer = (step: string, file: string) => ["--answer", `${step}=${join(ROOT, file)}`];

function explain(args: string[]) {
  return runBotbridge([
    "--config",
    example,
    "explain",
    "--source",
    "amocrm",
    ...fixtureArgs("amocrm-lead-status-short.form"),
    ...args,
  ]);
}

describe("botbridge explain --answer", () => {
  it("renders every action with one-off answers for the lead and the contact", async () => {
    const run = await explain([
      ...answer("lead", "examples/answers/amocrm-lead.json"),
      ...answer("contact", "examples/answers/amocrm-contact.json"),
      "--json",
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const actions = (JSON.parse(run.stdout) as Explanation).routes[0]?.actions ?? [];
    expect(actions.map((a) => [a.type, a.status])).toEqual([
      ["http.request", "ran"],
      ["http.request", "ran"],
      ["bothelp.set_custom_fields", "ran"],
      ["bothelp.start_flow", "ran"],
    ]);
    expect(actions.flatMap((a) => (a.requests ?? []).map((r) => `${r.method} ${r.url}`))).toEqual([
      "GET https://example.amocrm.ru/api/v4/leads/10754147?with=contacts",
      // the main contact of the --answer for lead, not of the example's dry_run_answer
      "GET https://example.amocrm.ru/api/v4/contacts/777",
      // the phone of the --answer for contact
      "GET https://api.bothelp.io/v1/subscribers/?phone=%2B79120001122",
      "PATCH https://api.bothelp.io/v1/subscribers/92/customFields",
      "POST https://api.bothelp.io/v1/subscribers/92/bot",
    ]);
    expect(actions[1]?.output).toMatchObject({ status: 200, body: { id: 777, name: "Анна" } });
  });

  it("renders every action with the example's own dry_run_answers, readable", async () => {
    const run = await explain([]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("  3. bothelp.set_custom_fields -> bothelp:");
    expect(run.stdout).toContain(
      '      GET https://example.amocrm.ru/api/v4/contacts/501 -> answers {"id":501,',
    );
    expect(run.stdout).toContain('      steps.contact = {"status":200,');
    expect(run.stdout).toContain(
      '      POST https://api.bothelp.io/v1/subscribers/92/bot -> answers {"success":true}',
    );
    expect(run.stdout).not.toContain("pending");
  });

  it("warns about an answer for a step that did not run", async () => {
    const run = await explain(answer("nobody", "examples/answers/amocrm-lead.json"));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe("botbridge: --answer nobody: no action with id nobody ran\n");
  });
});
