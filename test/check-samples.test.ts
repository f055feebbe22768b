import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./read-fixture.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/**
 * `botbridge check` runs the routes on sample requests: a source's `samples:` (beside routes.yaml,
 * with the fixture's .headers sidecar) and `--sample SOURCE=FILE`, and warns at each path that
 * finds nothing, with the path the samples do have.
 */
const yaml = `version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com" }
sources:
  amocrm:
    samples: [status.form]
routes:
  - id: status
    source: amocrm
    when: { exists: body.lead.status }
    actions:
      - http.request: { path: "/leads/{{ body.leads.status[0].id }}" }
  - id: added
    source: amocrm
    when: { exists: body.leads.add }
    actions:
      - http.request: { path: "/leads/{{ body.leads.add[0].idd }}" }
`;
const ROOT = join(import.meta.dirname, "..");

function routes(): string {
  const { dir, file } = writeRoutesFile(yaml, "botbridge-samples-");
  copyFileSync(join(FIXTURES, "amocrm-lead-status-short.form"), join(dir, "status.form"));
  copyFileSync(
    join(FIXTURES, "amocrm-lead-status-short.form.headers"),
    join(dir, "status.form.headers"),
  );
  return file;
}

describe("botbridge check with samples", () => {
  it("warns at each path the samples do not have, and still exits 0", () => {
    const file = routes();
    const added = join(FIXTURES, "amocrm-lead-add.form");
    const out = execFileSync(
      process.execPath,
      ["bin/botbridge.js", "check", file, "--sample", `amocrm=${added}`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(out.trimEnd().split("\n")).toEqual([
      `${file}:10:21: routes[0].when.exists: warning: body.lead.status matches nothing in the samples status.form, ${added}; body.leads.status exists`,
      `${file}:17:42: routes[1].actions[0].http.request.path: warning: body.leads.add[0].idd matches nothing in the sample ${added}; body.leads.add[0].id exists`,
      `${file}: ok (1 targets, 1 sources, 2 routes, 2 sample(s) tried, 2 warning(s))`,
    ]);
  });

  it("refuses a sample of an unknown source, with exit 1", () => {
    const run = spawnSync(
      process.execPath,
      ["bin/botbridge.js", "check", routes(), "--sample", "tilda=x.json"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "botbridge: --sample tilda=x.json: expected SOURCE=FILE with a source of",
    );
  });
});
