import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createActionContext,
  type TestActionContext,
} from "../../../test/create-action-context.ts";
import { createFakeMetabot, type FakeMetabot } from "../../../test/fakes/fake-metabot.ts";
import { scheduleJob } from "./schedule-job.ts";

/** metabot.schedule_job run on its own against the loopback Metabot, which validates each body. */
const TOKEN = "mb-token-0123456789";

let metabot: FakeMetabot;
let h: TestActionContext<"metabot">;

beforeEach(async () => {
  metabot = createFakeMetabot({ botId: 1234, token: TOKEN });
  const { url } = await metabot.start();
  h = createActionContext(
    { type: "metabot", base_url: `${url}/api/v1`, bot_id: 1234, token: TOKEN },
    { name: "bot", secrets: [TOKEN] },
  );
});

afterEach(async () => {
  await h.close();
  await metabot.close();
});

describe("metabot.schedule_job", () => {
  it.each([
    ["script_id", 11],
    ["script_code", "welcome"],
    ["trigger_id", 12],
    ["trigger_code", "crm_new_deal"],
    ["broadcast_id", 13],
    ["broadcast_code", "promo"],
  ])("schedules a job by %s, lead id digits sent as a number", async (key, value) => {
    const output = await h.run(scheduleJob, { [key]: value, lead_id: "135" });
    expect(output).toEqual({ success: true, job_id: 1 });
    expect(metabot.jobs.map((job) => job.params)).toEqual([
      { [key]: value, lead_id: 135, script_request_params: { event_id: h.context.event.id } },
    ]);
    const call = metabot.calls[0];
    expect(call?.path).toBe("/api/v1/bots/1234/jobs/schedule");
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: "application/json",
      "content-type": "application/json",
    });
    expect(h.exchanges[0]?.request_headers.authorization).toBe("***");
    expect(JSON.stringify(h.exchanges)).not.toContain(TOKEN);
  });

  it.each([
    ["an ISO time in +05:00", "2026-11-24T10:00:00+05:00", "2026-11-24 08:00:00"],
    ["an ISO time in UTC across midnight", "2026-12-31T22:30:00Z", "2027-01-01 01:30:00"],
    ["epoch seconds", 1_795_000_000, "2026-11-18 14:06:40"],
    ["a time without a zone (already server time)", "2026-06-01 09:15:00", "2026-06-01 09:15:00"],
    ["an ISO time without a zone or seconds", "2026-06-01T09:15", "2026-06-01 09:15:00"],
    ["a date alone", "2026-06-01", "2026-06-01 00:00:00"],
  ])("sends run_at from %s in the Metabot server's zone", async (_name, at, sent) => {
    await h.run(scheduleJob, { trigger_code: "remind", lead_id: 135, run_at: at });
    expect(metabot.jobs[0]?.params.run_at).toBe(sent);
    expect(metabot.jobs[0]?.params).not.toHaveProperty("run_after_sec");
  });

  it("leaves event_id out when include_event_id is false", async () => {
    await h.run(scheduleJob, { script_id: 1, include_event_id: false });
    expect(metabot.jobs[0]?.params).toEqual({ script_id: 1 });
  });

  it.each([
    [
      "x",
      {
        issues: [
          {
            path: ["trigger_code"],
            message: expect.stringMatching(
              /^expected only one job target .*found script_code and trigger_code/,
            ) as unknown,
          },
        ],
      },
    ],
    [
      "{{ looks like a template }}",
      {
        code: "invalid_params",
        kind: "failed",
        message: expect.stringMatching(
          /^expected one job target, found script_code, trigger_code/,
        ) as unknown,
      },
    ],
  ])(
    "fails without calling Metabot when the rendered job has two targets (%s)",
    async (both, error) => {
      await expect(
        h.run(scheduleJob, { trigger_code: both, script_code: both }),
      ).rejects.toMatchObject(error);
      expect(metabot.count).toBe(0);
    },
  );
});

describe("metabot.schedule_job on a target with its own auth settings and time zone", () => {
  it("sends the token in a configured header without a scheme, masked in the exchange", async () => {
    const custom = createFakeMetabot({
      botId: 9,
      token: "raw-token-777",
      authHeader: "Authentication",
      authScheme: "",
    });
    const { url } = await custom.start();
    const own = createActionContext(
      {
        type: "metabot",
        base_url: `${url}/api/v1`,
        bot_id: 9,
        token: "raw-token-777",
        auth_header: "Authentication",
        auth_scheme: "",
        timezone: "Asia/Vladivostok",
      },
      { name: "bot", secrets: ["raw-token-777"] },
    );
    try {
      await own.run(scheduleJob, { script_code: "hi", run_at: "2026-11-24T00:00:00Z" });
      expect(custom.calls[0]?.headers.authentication).toBe("raw-token-777");
      expect(custom.calls[0]?.headers).not.toHaveProperty("authorization");
      expect(custom.jobs[0]?.params.run_at).toBe("2026-11-24 10:00:00");
      expect(JSON.stringify(own.exchanges)).not.toContain("raw-token-777");
    } finally {
      await own.close();
      await custom.close();
    }
  });
});
