import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { CONSOLE_TOKEN, consoleRoutes, HOOK_TOKEN } from "./console-routes.ts";
import { launchChromium } from "./launch-chromium.ts";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

// The console in a real Chromium against a running bridge: one browser and one page for the
// file, the steps in order. Screenshots go to test/screenshots/ (not committed).
const SHOTS = join(import.meta.dirname, "screenshots");
let t: TestBridge;
let crm: FakeTarget;
let crmStatus = 401;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
const postFixture = async (source: string, name: string) => {
  const fixture = readFixture(name);
  const answer = await t.post(source, fixture.body, fixture.headers, `token=${HOOK_TOKEN}`);
  expect(answer.status).toBe(200);
  // a split source (amoCRM: one event per entity) answers with the list of its events
  const json = answer.json as { event_id?: string; events?: { event_id: string }[] };
  return json.event_id ?? json.events![0]!.event_id;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  crm = createFakeTarget({
    respond: () => ({ status: crmStatus, body: { ok: crmStatus === 200 } }),
  });
  const { url } = await crm.start();
  [t, browser] = await Promise.all([
    startBridge(consoleRoutes(), { env: { TARGET_URL: url } }),
    launchChromium(),
  ]);
  context = await browser.newContext({ locale: "en-US", viewport: { width: 1024, height: 800 } });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser.close();
  await t.stop();
  await crm.close();
});

describe("console in a browser", () => {
  let tildaId = "";
  let amoId = "";

  it("refuses a wrong token, logs in with the right one and says what is wrong first", async () => {
    tildaId = await postFixture("tilda", "tilda-form-submit.form");
    amoId = await postFixture("amocrm", "amocrm-contact-update.form");
    await t.settle();
    await page.goto(`${t.url}/`);
    await page.fill("#token", "wrong-token-0123456789");
    await page.click("button[type=submit]");
    await page.getByRole("alert").waitFor();
    // The refusal is a 401 page, which Chromium reports; nothing else may be.
    expect(errors.splice(0)).toEqual([
      "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    ]);
    await page.fill("#token", CONSOLE_TOKEN);
    await page.click("button[type=submit]");
    const sentence = await page.locator("#health").textContent();
    expect(sentence).toContain("failed in the last 2 h (HTTP 401)");
    expect(sentence).toContain("check client_id/client_secret");
    await shot("overview");
  });

  it("shows new events live, finds the amoCRM event by its phone written differently and shows why a route did not match", async () => {
    await page.click("header a[href='/events']");
    // a new event shows up on top of the first page by itself (server-sent events)
    const live = await t.postEvent("forms", { n: 0 });
    await page.locator(`#event-rows tr[data-id="${live}"]`).waitFor({ timeout: 10_000 });
    await page.fill("#q", "8 999 123-45-67");
    await page.click("form[role=search] button[type=submit]");
    await page.waitForURL(/q=8/);
    const row = page.locator(`tr[data-id="${amoId}"]`);
    await row.waitFor({ timeout: 5000 });
    await shot("events");
    await row.locator("a").click();
    await page.locator("#routes").waitFor();
    const routes = (await page.locator("#routes").textContent())?.replace(/\s+/g, " ");
    expect(routes).toMatch(
      /amocrm-new-lead: did not match exists\.body\.leads\.add: expected a value, saw nothing/,
    );
    expect(routes).toMatch(/amocrm-contact: matched/);
    await shot("event");
  });

  it("retries a failed delivery from its page once the target is fixed, and shows it delivered", async () => {
    await page.goto(`${t.url}/events/${tildaId}`);
    expect(await page.locator(".delivery").textContent()).toContain(
      "The target refused the credentials",
    );
    crmStatus = 200;
    await page.click(".delivery button:has-text('Retry')");
    await page.locator(".delivery button:has-text('Retry')").waitFor({ state: "detached" });
    await t.settle();
    await page.reload();
    await page.locator(".delivery .status-succeeded").waitFor();
  });

  it("retries a whole group after showing how many it will touch", async () => {
    crmStatus = 401;
    for (const n of [1, 2, 3]) await t.postEvent("forms", { n });
    await t.settle();
    crmStatus = 200;
    await page.click("header a[href='/failed']");
    await page.locator("#forward-http_401 a").click();
    expect(await page.locator("#estimate").textContent()).toBe(
      "This will retry 4 failed deliveries.",
    );
    await page.click("button:has-text('Retry 4 deliveries')");
    expect(await page.locator("#started").textContent()).toContain("Retrying 4");
    await t.until(async () =>
      (await t.deliveries())
        .filter((d) => d.route_id === "forward")
        .every((d) => d.status === "succeeded"),
    );
  });

  it("pauses and resumes a target", async () => {
    await page.click("header a[href='/targets']");
    await page.click("#target-crm button:has-text('Pause')");
    await page.locator("#target-crm .state", { hasText: "paused until resumed" }).waitFor();
    await page.click("#target-crm button:has-text('Resume')");
    await page.locator("#target-crm .state", { hasText: "sending" }).waitFor();
  });

  it("previews a replay under changed rules beside what happened, then replays", async () => {
    writeFileSync(
      join(t.dir, "routes.yaml"),
      consoleRoutes('{ phone: "{{ body.Phone }}", replayed: true }'),
    );
    expect(await t.bridge.reload()).toEqual([]);
    await page.goto(`${t.url}/events/${tildaId}/replay`);
    expect(await page.locator("#now").textContent()).toContain('"replayed": true');
    expect(await page.locator("#then").textContent()).not.toContain("replayed");
    await page.click("button:has-text('Replay under current rules')");
    expect(await page.locator("#replayed").textContent()).toContain("1 new delivery");
  });

  it("speaks Russian after the switch, at 375 px without scrolling sideways", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${t.url}/`);
    await page.click("a[lang=ru]");
    await page.locator("html[lang=ru]").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Обзор");
    for (const path of [
      "/",
      "/events",
      `/events/${amoId}`,
      "/failed",
      "/targets",
      "/try",
      "/rules",
    ]) {
      await page.goto(`${t.url}${path}`);
      const wide = await page.evaluate<number>(
        "document.documentElement.scrollWidth - window.innerWidth",
      );
      expect(wide, path).toBeLessThanOrEqual(0);
    }
    await page.goto(`${t.url}/events/${amoId}`);
    await shot("event-375", false);
    await page.goto(`${t.url}/`);
    await shot("overview-ru-375", false);
    await page.click("a[lang=en]");
    await page.locator("html[lang=en]").waitFor();
  });

  it("reaches the main actions with the keyboard alone", async () => {
    await page.goto(`${t.url}/targets`);
    const reach = async (label: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate<string>(
          "document.activeElement?.textContent?.trim() ?? ''",
        );
        if (focused === label) return;
      }
      throw new Error(`${label} not reached with Tab`);
    };
    await reach("Pause");
    await page.keyboard.press("Enter");
    await page.locator("#target-crm .state", { hasText: "paused" }).waitFor();
    await reach("Resume");
    await page.keyboard.press("Enter");
    await page.locator("#target-crm .state", { hasText: "sending" }).waitFor();
    await reach("Events");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/events$/);
  });
});
