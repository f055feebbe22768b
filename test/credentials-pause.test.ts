import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeTelegram } from "./fakes/fake-telegram.ts";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

// A BotHelp account whose API secret is revoked: the target is held (cause credentials), its
// deliveries wait with no attempt used and none failed, an alert names the variables to fix; a
// reload with the new secret resumes the target, the deliveries drain, the issue resolves.

const routes = `  - id: tag
    source: forms
    actions:
      - bothelp.add_tags: { subscriber: { id: "{{ body.id }}" }, tags: [paid] }`;
const TOKEN = "7000002:AAF-credentials-e2e-token";
const NEW_SECRET = "rotated-bothelp-secret-9876";

let b: BothelpBridge | undefined;
const telegram = createFakeTelegram({ token: TOKEN, chats: ["100"] });
afterEach(async () => {
  await b?.stop();
  await telegram.close();
});

describe("refused credentials", () => {
  it("hold the target and its deliveries until a reload fixes the secret", async () => {
    const { url } = await telegram.start();
    const bridge = await startBothelpBridge(routes, {
      fake: { subscribers: [100, 101, 102].map((id) => ({ id, cuid: `c.${id}` })) },
      settings: `alerts:
  language: en
  channels:
    telegram: { bot_token: "\${TELEGRAM_BOT_TOKEN}", chat_id: "100", api_url: "${url}" }
  conditions: { disk_free: { enabled: false } }`,
      env: { TELEGRAM_BOT_TOKEN: TOKEN, BOTHELP_NEW_SECRET: NEW_SECRET },
    });
    b = bridge;
    const { t, fake } = bridge;
    await bridge.post({ id: 100 });
    await t.settle();

    fake.revokeSecret(NEW_SECRET);
    await bridge.post({ id: 101 });
    await bridge.post({ id: 102 });
    await t.settle();
    t.advance(3_600_000); // an hour later, nothing has moved: held, not retried
    await t.settle();
    const held = await t.deliveries();
    expect(held.map((d) => [d.status, d.attempts])).toEqual([
      ["succeeded", 0],
      ["pending", 0],
      ["pending", 0],
    ]);
    expect(held[1]?.last_error).toMatch(
      /^bothelp_auth_failed: BotHelp refused the client credentials/,
    );
    const [state] = await t.bridge.store.targetStates(t.clock.now(), ["bothelp"]);
    expect(state).toMatchObject({ name: "bothelp", paused_by: "credentials", waiting: 2 });

    await t.bridge.alerts.evaluate();
    expect(telegram.sent.map((m) => m.text)).toEqual([
      [
        "botbridge: PROBLEM",
        "Target bothelp refused botbridge's credentials. It is paused and its deliveries wait; none is lost. Fix ${BOTHELP_CLIENT_ID}, ${BOTHELP_CLIENT_SECRET}, then reload the config or resume the target. " +
          (held[1]?.last_error ?? ""),
        `http://localhost:${t.bridge.port}/targets/bothelp`,
      ].join("\n"),
    ]);

    const file = join(t.dir, "routes.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("${BOTHELP_CLIENT_SECRET}", "${BOTHELP_NEW_SECRET}"),
    );
    expect(await t.bridge.reload()).toEqual([]);
    const drained = await t.settle();
    expect(drained.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(fake.subscriber(102).tags).toContain("paid");
    expect(telegram.sent).toHaveLength(2);
    expect(telegram.sent[1]?.text).toMatch(
      /^botbridge: RESOLVED after 1 h\nTarget bothelp refused/,
    );
    const audit = await t.bridge.store.listAudit({ limit: 10 });
    expect(audit.data.map((a) => [a.actor, a.action, a.subject])).toContainEqual([
      "config reload",
      "resume",
      "target:bothelp",
    ]);
    expect(JSON.stringify(t.logs)).not.toContain(NEW_SECRET);
  });
});
