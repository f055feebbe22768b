import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import { formatProblem, formatWarning } from "../core/problem.ts";
import { parseConfig } from "./load-config.ts";

const left = (name: string) =>
  `environment variable ${name} is not set; the target is in dry run and sends nothing, so it is left out (set it before turning dry_run off)`;
const unset = (name: string) =>
  `environment variable ${name} is not set (write \${${name}:-default} to give a default)`;

/** An unset `${VAR}` credential: a problem, except for a target in dry run (nothing is sent). */
describe("resolveEnv and unset credentials", () => {
  it.each<
    [
      string,
      string,
      { problems?: string[]; warnings?: string[]; target?: object; absent?: string[] },
    ]
  >([
    [
      "a BotHelp target in dry run: warnings, and the credentials left out",
      `version: 1
targets:
  bh: { type: bothelp, client_id: "\${BH_ID}", client_secret: "\${BH_SECRET}", dry_run: true }
`,
      {
        warnings: [
          `routes.yaml:3:35: targets.bh.client_id: warning: ${left("BH_ID")}`,
          `routes.yaml:3:62: targets.bh.client_secret: warning: ${left("BH_SECRET")}`,
        ],
        target: { type: "bothelp", dry_run: true },
        absent: ["client_id", "client_secret"],
      },
    ],
    [
      "dry run switched on through a variable's default",
      `version: 1
targets:
  mb:
    type: metabot
    bot_id: 1
    token: \${MB_TOKEN}
    dry_run: \${MB_DRY_RUN:-true}
`,
      {
        warnings: [`routes.yaml:6:12: targets.mb.token: warning: ${left("MB_TOKEN")}`],
        target: { type: "metabot", dry_run: true },
        absent: ["token"],
      },
    ],
    [
      "a header holding the variable among other text: left empty there",
      `version: 1
targets:
  crm:
    type: http
    base_url: https://crm.example.com
    headers: { Authorization: "Bearer \${CRM_TOKEN}" }
    dry_run: true
`,
      {
        warnings: [
          `routes.yaml:6:31: targets.crm.headers.Authorization: warning: ${left("CRM_TOKEN")}`,
        ],
        target: { headers: { Authorization: "Bearer " } },
      },
    ],
    [
      "not in dry run: a problem",
      `version: 1
targets:
  bh: { type: bothelp, client_id: "\${BH_ID}", client_secret: s }
`,
      { problems: [`routes.yaml:3:35: targets.bh.client_id: ${unset("BH_ID")}`] },
    ],
    [
      "in dry run, a setting that is no credential (an address) is still a problem",
      `version: 1
targets:
  crm: { type: http, base_url: "\${CRM_URL}", dry_run: true }
`,
      { problems: [`routes.yaml:3:32: targets.crm.base_url: ${unset("CRM_URL")}`] },
    ],
  ])("%s", (_name, yaml, expected) => {
    const result = parseConfig(yaml, "routes.yaml", { actions: createActions(), env: {} });
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual(expected.problems);
      return;
    }
    expect(expected.problems).toBeUndefined();
    expect(result.warnings.map(formatWarning)).toEqual(expected.warnings ?? []);
    const target = Object.values(result.config.targets)[0] ?? {};
    expect(target).toMatchObject(expected.target ?? {});
    for (const key of expected.absent ?? []) expect(target).not.toHaveProperty(key);
  });
});
