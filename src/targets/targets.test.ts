import { describe, expect, it } from "vitest";
import { targetSchema } from "./target-schema.ts";
import { TARGET_KINDS, targetKindOf } from "./targets.ts";

describe("the target kinds", () => {
  it("each have their own type, the one their schema's literal declares", () => {
    expect(TARGET_KINDS.map((kind) => kind.type)).toEqual(["bothelp", "metabot", "http"]);
  });

  it.each<[string, Record<string, unknown>, string, Record<string, string>]>([
    [
      "bothelp: the API address, no credentials (the token is per call)",
      { type: "bothelp", client_id: "id", client_secret: "secret" },
      "https://api.bothelp.io",
      { accept: "application/json", "user-agent": "botbridge" },
    ],
    [
      "metabot: the token as a Bearer",
      { type: "metabot", bot_id: 1, token: "t0k3n" },
      "https://app.metabot24.com/api/v1",
      { accept: "application/json", "user-agent": "botbridge", Authorization: "Bearer t0k3n" },
    ],
    [
      "metabot: its own header and no scheme",
      {
        type: "metabot",
        bot_id: 1,
        token: "t0k3n",
        auth_header: "X-Api-Token",
        auth_scheme: "",
        base_url: "http://127.0.0.1:9/api",
      },
      "http://127.0.0.1:9/api",
      { accept: "application/json", "user-agent": "botbridge", "X-Api-Token": "t0k3n" },
    ],
    [
      "metabot in dry run without a token: no auth header",
      { type: "metabot", bot_id: 1, dry_run: true },
      "https://app.metabot24.com/api/v1",
      { accept: "application/json", "user-agent": "botbridge" },
    ],
    [
      "http: its headers, which may replace the user agent",
      {
        type: "http",
        base_url: "https://crm.example/api",
        headers: { "user-agent": "mine", a: "b" },
      },
      "https://crm.example/api",
      { "user-agent": "mine", a: "b" },
    ],
  ])("%s", (_name, written, baseUrl, headers) => {
    const target = targetSchema.parse(written);
    expect(targetKindOf(target.type).endpoint(target)).toEqual({ baseUrl, headers });
  });

  it("only the BotHelp kind has a start-up check", () => {
    expect(TARGET_KINDS.filter((kind) => kind.check).map((kind) => kind.type)).toEqual(["bothelp"]);
  });
});
