import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBothelpBridge } from "./start-bothelp-bridge.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * `templates.default_country` set in routes.yaml, read by the config loader, reaches both places
 * that complete a phone written without its country code: `$phone` in templates, and BotHelp's
 * subscriber lookup by phone. Every other test leaves it at RU.
 */
const settings = "templates: { default_country: DE }";

describe("templates.default_country: DE", () => {
  let t: SinkBridge;

  beforeAll(async () => {
    t = await startSinkBridge({ settings, body: '{ phone: "{{ $phone(body.phone) }}" }' });
  });

  afterAll(async () => {
    await t.stop();
  });

  it.each([
    ["a Berlin number", "030 12345678", "+493012345678"],
    ["a mobile number", "0171 2345678", "+491712345678"],
    ["a number RU would read as +79991234567", "8 999 123-45-67", "+4989991234567"],
  ])("is the country of $phone for %s", async (_name, phone, sent) => {
    const eventId = await t.postEvent("forms", { phone });
    await t.settle();
    const [attempt] = await t.attemptsOf(eventId);
    expect(attempt?.outcome).toBe("ok");
    expect(t.sink.calls.at(-1)?.body).toEqual({ phone: sent });
  });

  it("is the country of a BotHelp lookup by phone", async () => {
    const b = await startBothelpBridge(
      `  - id: tag
    source: forms
    actions:
      - bothelp.add_tags: { subscriber: { phone: "{{ body.phone }}" }, tags: [lead] }`,
      { settings, fake: { subscribers: [{ id: 49, cuid: "de.49", phone: "+493012345678" }] } },
    );
    try {
      await b.post({ phone: "030 12345678" });
      const [delivery] = await b.t.settle();
      expect(delivery?.status).toBe("succeeded");
      expect(b.apiCalls()[0]?.query).toEqual({ phone: "+493012345678" });
      expect(b.fake.subscriber(49).tags).toEqual(["lead"]);
    } finally {
      await b.stop();
    }
  });
});
