import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeBothelp, type FakeBothelp } from "./fakes/fake-bothelp.ts";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/** examples/tilda-bothelp.yaml with the Tilda fixture: against the BotHelp fake, and in dry run. */
const yaml = readFileSync(new URL("../examples/tilda-bothelp.yaml", import.meta.url), "utf8");
const tilda = readFixture("tilda-form-submit.form");
const headers = { "content-type": tilda.headers["content-type"] ?? "" };

let fake: FakeBothelp;
let t: TestBridge;

afterEach(async () => {
  await t.stop();
  await fake.close();
});

async function start(live: boolean): Promise<void> {
  const clock = createTestClock(Date.now());
  fake = createFakeBothelp({ now: () => clock.now() });
  const { url } = await fake.start();
  const env = live
    ? {
        BOTHELP_API_URL: url,
        BOTHELP_TOKEN_URL: `${url}/oauth2/token`,
        BOTHELP_CLIENT_ID: fake.clientId,
        BOTHELP_CLIENT_SECRET: fake.clientSecret,
        BOTHELP_DRY_RUN: "false",
      }
    : {};
  t = await startBridge(yaml, { env, clock });
}

const summary = (f: FakeBothelp) =>
  f.calls
    .filter((c) => c.path !== "/oauth2/token")
    .map((c) => [c.method, c.path, c.method === "GET" ? c.query : c.body]);

describe("examples/tilda-bothelp.yaml", () => {
  it("waits for the person to start the bot, then tags, fills fields and starts the flow", async () => {
    await start(true);
    const posted = await t.post("tilda", tilda.body, headers);
    expect(posted.status).toBe(200);
    const [waiting] = await t.settle();
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    // serve checked the example's referrals at start: this BotHelp has no flows or sequences.
    await t.until(() => t.logs.some((l) => l.referral !== undefined && l.kind === "step"));
    expect(t.logs.filter((l) => l.referral !== undefined).map((l) => [l.kind, l.referral])).toEqual(
      [
        ["flow", "c1723106923821"],
        ["step", "1723638253735"],
      ],
    );
    fake.addSubscriber({ id: 7, cuid: "ab.7", phone: "+79991234567" });
    fake.clearCalls();
    t.advance(60_000);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(summary(fake)).toEqual([
      ["GET", "/v1/subscribers/", { phone: "+79991234567" }],
      ["PATCH", "/v1/subscribers/7", [{ op: "add", path: "/tags", value: ["tilda", "lead"] }]],
      [
        "PATCH",
        "/v1/subscribers/7/customFields",
        [
          { op: "replace", path: "/name", value: "Иван" },
          { op: "replace", path: "/email", value: "ivan.petrov@example.com" },
          { op: "replace", path: "/form", value: "form123456789" },
        ],
      ],
      [
        "POST",
        "/v1/subscribers/7/bot",
        { botReferral: "c1723106923821", stepReferral: "1723638253735" },
      ],
    ]);
  });

  it("without credentials records what would be sent and sends nothing", async () => {
    await start(false);
    await t.post("tilda", tilda.body, headers);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(fake.count).toBe(0);
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => a.outcome)).toEqual(["dry_run", "dry_run", "dry_run"]);
    expect(attempts[2]?.exchanges.at(-1)).toMatchObject({
      method: "POST",
      url: "https://api.bothelp.io/v1/subscribers/92/bot",
      request_body: { botReferral: "c1723106923821", stepReferral: "1723638253735" },
    });
  });
});
