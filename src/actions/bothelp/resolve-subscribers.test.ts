import { afterEach, describe, expect, it } from "vitest";
import type { FakeBothelpOptions } from "../../../test/fakes/fake-bothelp.ts";
import {
  startBothelpContext,
  type BothelpActionContext,
} from "../../../test/start-bothelp-context.ts";
import { addTags } from "./add-tags.ts";

/**
 * Which subscriptions a subscriber-scoped action applies to, through add_tags against the
 * loopback BotHelp: lookup by email and phone (phone formats, several subscriptions with
 * on_multiple, later pages), and nobody (on_missing fail or skip, no identifier at all). Waiting
 * for a subscriber and one lookup per delivery need the dispatcher: test/bothelp-lookup.test.ts.
 */
const john = { id: 92, cuid: "1et0.2k", email: "john@example.com", phone: "+79991234567" };
const johnInstagram = { ...john, id: 95, cuid: "1et0.2n", channelType: "instagram" };

let h: BothelpActionContext;

afterEach(async () => {
  await h.close();
});

/** Tags `subscriber` with [lead] on a fresh fake; the action's output, or the error it failed with. */
async function tag(
  subscriber: Record<string, unknown>,
  fake: FakeBothelpOptions = { subscribers: [john] },
): Promise<unknown> {
  h = await startBothelpContext(fake);
  return h.run(addTags, { subscriber, tags: ["lead"] }).catch((error: unknown) => error);
}

const calls = () => h.apiCalls().map((c) => `${c.method} ${c.path}`);

describe("BotHelp subscriber lookup", () => {
  it("finds a subscriber by email and acts on its id", async () => {
    expect(await tag({ email: " john@example.com " })).toEqual({
      subscribers: [{ id: 92 }],
      skipped: false,
    });
    expect(calls()).toEqual(["GET /v1/subscribers/", "PATCH /v1/subscribers/92"]);
    expect(h.apiCalls()[0]?.query).toEqual({ email: "john@example.com" });
    expect(h.fake.subscriber(92).tags).toEqual(["lead"]);
  });

  it.each(["+7 (999) 123-45-67", "8 999 123 45 67", "79991234567", 79991234567])(
    "finds a subscriber by phone written as %s",
    async (phone) => {
      expect(await tag({ phone })).toEqual({ subscribers: [{ id: 92 }], skipped: false });
      expect(h.apiCalls()[0]?.query).toEqual({ phone: "+79991234567" });
      expect(calls()).toEqual(["GET /v1/subscribers/", "PATCH /v1/subscribers/92"]);
    },
  );

  it.each([
    ["all", ["PATCH /v1/subscribers/92", "PATCH /v1/subscribers/95"], undefined],
    ["first", ["PATCH /v1/subscribers/92"], undefined],
    ["fail", [], "multiple_subscribers"],
  ])("with several subscriptions and on_multiple: %s", async (mode, writes, code) => {
    const result = await tag(
      { email: "john@example.com", on_multiple: mode },
      { subscribers: [john, johnInstagram] },
    );
    if (code) expect(result).toMatchObject({ code, kind: "failed" });
    else expect(result).toMatchObject({ skipped: false });
    expect(calls()).toEqual(["GET /v1/subscribers/", ...writes]);
  });

  it("follows the cursor to find subscriptions on later pages", async () => {
    await tag({ email: "john@example.com" }, { subscribers: [john, johnInstagram], pageSize: 1 });
    expect(calls()).toEqual([
      "GET /v1/subscribers/",
      "GET /v1/subscribers/",
      "PATCH /v1/subscribers/92",
      "PATCH /v1/subscribers/95",
    ]);
    expect(h.apiCalls()[1]?.query).toEqual({ email: "john@example.com", after: "92" });
  });

  it("fails when nobody matches and on_missing is fail (the default)", async () => {
    expect(await tag({ email: "nobody@example.com" })).toMatchObject({
      code: "subscriber_not_found",
      kind: "failed",
      message: "no BotHelp subscriber with email nobody@example.com",
    });
    expect(calls()).toEqual(["GET /v1/subscribers/"]);
  });

  it("skips the action when nobody matches and on_missing is skip", async () => {
    expect(await tag({ email: "nobody@example.com", on_missing: "skip" })).toEqual({
      subscribers: [],
      skipped: true,
    });
    expect(calls()).toEqual(["GET /v1/subscribers/"]);
  });

  it.each([
    ["skip", { subscribers: [], skipped: true }],
    [
      "fail",
      { issues: [{ path: ["subscriber"], message: "expected one of id, cuid, email or phone" }] },
    ],
  ])("with no email in the event and on_missing: %s", async (mode, result) => {
    // An identifier whose template renders to nothing is left out of the rendered params.
    expect(await tag({ on_missing: mode })).toMatchObject(result);
    expect(calls()).toEqual([]);
  });
});
