import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatExitCodes } from "../src/cli/explain-exit-code.ts";
import { runBotbridge } from "./run-botbridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/** `botbridge explain` exits with a code that says what the server would do with the request. */
const { file } = writeRoutesFile(`
version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms:
    verify: { token: right-token }
routes:
  - id: leads
    source: forms
    when: { equals: { body.kind: lead } }
    actions:
      - http.request: { method: "{{ body.method }}", path: /leads }
`);

describe("botbridge explain exit codes", () => {
  it.each<[string, string[], string, number, RegExp]>([
    [
      "everything would run",
      ["-q", "token=right-token"],
      '{"kind":"lead","method":"POST"}',
      0,
      /route leads: matched/,
    ],
    ["the body is not JSON", ["-q", "token=right-token"], '{"kind":', 1, /400 invalid_json/],
    [
      "a method the source does not take",
      ["-q", "token=right-token", "-m", "GET"],
      "",
      1,
      /405 method_not_allowed/,
    ],
    ["no such source", ["-s", "nope"], "{}", 1, /no source named "nope"/],
    [
      "verification fails",
      ["-q", "token=wrong"],
      '{"kind":"lead","method":"POST"}',
      2,
      /verification: FAILED/,
    ],
    [
      "an action's params do not fit",
      ["-q", "token=right-token"],
      '{"kind":"lead","method":"FETCH"}',
      3,
      /http\.request\.method/,
    ],
    [
      "no route matches",
      ["-q", "token=right-token"],
      '{"kind":"other"}',
      4,
      /route leads: not matched/,
    ],
  ])("%s", async (_name, args, input, status, said) => {
    const run = await runBotbridge(
      ["--config", file, "explain", "-s", "forms", "-t", "application/json", ...args],
      { input },
    );
    expect(run.status, run.stderr).toBe(status);
    expect(run.stdout + run.stderr).toMatch(said);
  });

  it("lists them in --help and in the README, from one list", async () => {
    const help = await runBotbridge(["explain", "--help"]);
    expect(help.stdout).toContain(`Exit codes:\n${formatExitCodes("text")}`);
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    expect(readme).toContain(formatExitCodes("markdown"));
  });
});
