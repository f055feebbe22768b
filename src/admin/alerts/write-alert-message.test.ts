import { describe, expect, it } from "vitest";
import { ALERT_TEXTS_EN } from "./alert-texts-en.ts";
import { ALERT_TEXTS_RU } from "./alert-texts-ru.ts";
import { writeAlertMessage, type IssueFacts } from "./write-alert-message.ts";

const BASE = "https://bridge.example.com/";
const NOW = Date.UTC(2026, 0, 1, 12, 0);

describe("alert messages", () => {
  it("has the same texts and placeholders in every language", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(ALERT_TEXTS_EN))
      expect(placeholders(ALERT_TEXTS_RU[key as keyof typeof ALERT_TEXTS_EN]), key).toEqual(
        placeholders(text),
      );
  });

  it.each<[string, IssueFacts, RegExp, string]>([
    [
      "failing on a target",
      {
        kind: "deliveries_failing",
        subject: "crm",
        facts: { per: "target", count: 4, window: 900_000, last_error: "http_500: boom" },
      },
      /4 deliveries to target crm failed in the last 15 min\. Last error: http_500: boom/,
      `${BASE}targets/crm`,
    ],
    [
      "failing on a route",
      {
        kind: "deliveries_failing",
        subject: "tilda lead",
        facts: { per: "route", count: 3, window: 3_600_000, last_error: "x" },
      },
      /3 deliveries of route tilda lead failed/,
      `${BASE}events?status=failed&route=tilda%20lead`,
    ],
    [
      "a long pause",
      {
        kind: "target_paused",
        subject: "bh",
        facts: { cause: "rate_limit", since: NOW - 1_200_000, reason: "http_429" },
      },
      /paused for 20 min \(it answers 429/,
      `${BASE}targets/bh`,
    ],
    [
      "refused credentials",
      {
        kind: "credentials_refused",
        subject: "bh",
        facts: { variables: ["BOTHELP_CLIENT_SECRET"], reason: "" },
      },
      /Fix \$\{BOTHELP_CLIENT_SECRET\}, then reload/,
      `${BASE}targets/bh`,
    ],
    [
      "a refused reload",
      {
        kind: "reload_refused",
        subject: "host1",
        facts: { count: 2, problem: "routes.yaml:3:1: bad" },
      },
      /host1: 2 problem\(s\).*First: routes\.yaml:3:1: bad/,
      BASE,
    ],
    [
      "low disk",
      {
        kind: "disk_free",
        subject: "host1",
        facts: { free: 200 * 1024 ** 2, limit: 1024 ** 3, folder: "./data" },
      },
      /Only 200 MB free on the disk of \.\/data on host1 \(alert below 1 GB\)/,
      BASE,
    ],
  ])("says %s, with the console link", (_label, issue, said, link) => {
    const message = writeAlertMessage(issue, "opened", ALERT_TEXTS_EN, BASE, NOW);
    expect(message.text).toMatch(said);
    expect(message.text.startsWith("botbridge: PROBLEM\n")).toBe(true);
    expect(message.link).toBe(link);
    expect(message.text.endsWith(link)).toBe(true);
  });

  it("says how long a resolved issue lasted, in Russian too", () => {
    const issue: IssueFacts = {
      kind: "waiting_too_long",
      subject: "crm",
      facts: { oldest_waiting_at: NOW - 7_200_000, count: 2 },
      opened_at: NOW - 5_400_000,
      resolved_at: NOW,
    };
    expect(writeAlertMessage(issue, "resolved", ALERT_TEXTS_EN, BASE, NOW).text).toMatch(
      /^botbridge: RESOLVED after 1\.5 h\n/,
    );
    expect(writeAlertMessage(issue, "digest", ALERT_TEXTS_RU, BASE, NOW).text).toMatch(
      /ПРОБЛЕМА ПРОДОЛЖАЕТСЯ.*\nДоставка в цель crm ждёт уже 2 ч/,
    );
  });
});
