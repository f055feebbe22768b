import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { createFakeTelegram } from "./fakes/fake-telegram.ts";
import { sinkRoutes } from "./sink-routes.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

// A target that starts failing, as the operator hears of it in Telegram: one alert, silence
// within digest_every, one digest, then a resolved message once it recovers; Telegram's 429 is
// honoured on the clock; the bot token shows in no log line and no byte of the database.

const TOKEN = "7000001:AAF-alerts-e2e-bot-token";
const MIN = 60_000;

const alerts = `alerts:
  digest_every: 30m
  channels:
    telegram: { bot_token: "\${TELEGRAM_BOT_TOKEN}", chat_id: "100", api_url: "\${TELEGRAM_URL}" }
  conditions:
    deliveries_failing: { count: 2, window: 15m }
    target_paused: { enabled: false }
    waiting_too_long: { enabled: false }
    disk_free: { enabled: false }
`;

let t: TestBridge | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const close of closers.splice(0)) await close();
});

describe("alerts to Telegram", () => {
  it("opens once, stays quiet, sends one digest, then resolves; 429 honoured; no token kept", async () => {
    let down = true;
    const target = createFakeTarget({
      respond: () => (down ? { status: 500, body: { error: "boom" } } : { status: 200, body: {} }),
    });
    const telegram = createFakeTelegram({ token: TOKEN, chats: ["100"] });
    const [{ url: targetUrl }, { url: telegramUrl }] = await Promise.all([
      target.start(),
      telegram.start(),
    ]);
    closers.push(
      () => target.close(),
      () => telegram.close(),
    );
    t = await startBridge(
      sinkRoutes({
        settings: alerts,
        delivery: "poll_interval: 20ms, circuit_breaker: { failures: 1000 }",
      }),
      {
        env: { TARGET_URL: targetUrl, TELEGRAM_URL: telegramUrl, TELEGRAM_BOT_TOKEN: TOKEN },
      },
    );
    const bridge = t;
    const texts = () => telegram.sent.map((m) => m.text);
    const step = async (ms: number) => {
      bridge.advance(ms);
      await bridge.settle();
      await bridge.bridge.alerts.evaluate();
    };

    for (const n of [1, 2, 3]) await bridge.postEvent("forms", { n });
    await step(0);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toBe(
      [
        "botbridge: PROBLEM",
        '3 deliveries to target sink failed in the last 15 min. Last error: http_500: sink answered HTTP 500: {"error":"boom"}',
        `http://localhost:${bridge.bridge.port}/targets/sink`,
      ].join("\n"),
    );
    expect(telegram.sent[0]?.parse_mode).toBeUndefined();

    await step(10 * MIN); // retried and failing again, within digest_every
    await step(10 * MIN);
    expect(texts()).toHaveLength(1);

    await step(11 * MIN); // 31 minutes since the alert
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toMatch(
      /^botbridge: STILL A PROBLEM \(since 2025-01-01 00:00 UTC\)\n3 deliveries to target sink failed/,
    );
    await step(5 * MIN);
    expect(texts()).toHaveLength(2);

    down = false;
    telegram.throttleNext(20);
    await step(2 * 60 * MIN); // every delivery is due, and goes through
    expect((await bridge.deliveries()).map((d) => d.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    expect(texts()).toHaveLength(2); // Telegram said: retry after 20 s
    const asked = telegram.count;
    await step(10_000);
    expect(telegram.count).toBe(asked); // not before the 20 s are up
    await step(10_000);
    expect(texts()).toHaveLength(3);
    expect(texts()[2]).toMatch(
      /^botbridge: RESOLVED after 2\.\d h\n3 deliveries to target sink failed/,
    );

    const issues = await bridge.bridge.store.listAlertIssues({}, { limit: 10 });
    expect(issues.data.map((i) => [i.kind, i.subject, i.status])).toEqual([
      ["deliveries_failing", "sink", "resolved"],
    ]);
    const kept = readdirSync(bridge.dir)
      .filter((f) => f.startsWith("botbridge.db"))
      .map((f) => readFileSync(join(bridge.dir, f)));
    expect(kept.length).toBeGreaterThan(0);
    for (const bytes of kept) expect(bytes.includes(TOKEN)).toBe(false);
    expect(JSON.stringify(bridge.logs)).not.toContain(TOKEN);
    expect(JSON.stringify(bridge.logs)).toContain("telegram_rate_limited");
  });
});
