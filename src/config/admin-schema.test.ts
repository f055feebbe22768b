import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import { parseConfig } from "./load-config.ts";

const actions = createActions();
const load = (text: string, env: NodeJS.ProcessEnv = {}) => {
  const result = parseConfig(text, "routes.yaml", { actions, env });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
  return result.config;
};

/** Admin tokens are secrets wherever they come from: masked in logs and stored attempts. */
describe("admin tokens are secrets", () => {
  it.each<[string, string, NodeJS.ProcessEnv, unknown, string[]]>([
    [
      "from the environment",
      "version: 1\nadmin:\n  token: ${BOTBRIDGE_ADMIN_TOKEN:-}\n",
      { BOTBRIDGE_ADMIN_TOKEN: "env-token-0123456789" },
      "env-token-0123456789",
      ["env-token-0123456789"],
    ],
    [
      "an unset variable is no token at all",
      "version: 1\nadmin:\n  token: ${BOTBRIDGE_ADMIN_TOKEN:-}\n",
      {},
      "",
      [],
    ],
    [
      "written in the file, several for rotation",
      "version: 1\nadmin:\n  token:\n    - { name: old, token: old-token-0123456789 }\n    - { name: new, token: new-token-0123456789 }\n",
      {},
      [
        { name: "old", token: "old-token-0123456789" },
        { name: "new", token: "new-token-0123456789" },
      ],
      ["old-token-0123456789", "new-token-0123456789"],
    ],
    ["none", "version: 1\n", {}, undefined, []],
  ])("%s", (_name, text, env, token, secrets) => {
    const config = load(text, env);
    expect(config.settings.admin.token).toEqual(token);
    expect([...config.secrets]).toEqual(secrets);
  });

  it("refuses a short token", () => {
    const result = parseConfig("version: 1\nadmin: { token: short }\n", "routes.yaml", {
      actions,
      env: {},
    });
    expect(result.ok).toBe(false);
  });
});
