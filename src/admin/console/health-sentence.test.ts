import { describe, expect, it } from "vitest";
import { healthSentence, type HealthFacts } from "./health-sentence.ts";
import { textEn } from "./text-en.ts";
import { textRu } from "./text-ru.ts";

const NOW = 1_800_000_000_000;
const calm: HealthFacts = {
  hours: 2,
  worst: null,
  paused: [],
  waiting: 0,
  oldest_waiting_at: null,
  now: NOW,
};
const failing: HealthFacts = {
  ...calm,
  worst: { target: "BotHelp", last_error: "http_401: Unauthorized", count: 12 },
};

describe("healthSentence", () => {
  const cases: [string, HealthFacts, typeof textEn, string][] = [
    [
      "all well",
      calm,
      textEn,
      "All is well: nothing failed in the last 2 h and nothing is waiting too long.",
    ],
    [
      "a 401 in English",
      failing,
      textEn,
      "12 deliveries to BotHelp failed in the last 2 h (HTTP 401). The target refused the credentials: check client_id/client_secret or the token of this target.",
    ],
    [
      "a 401 in Russian",
      failing,
      textRu,
      "12 заявок не доставлены в BotHelp за 2 ч (HTTP 401). Получатель не принял учётные данные: проверьте client_id/client_secret или токен этого получателя.",
    ],
    [
      "one failure in Russian",
      { ...calm, worst: { target: "crm", last_error: "timeout: no answer", count: 1 } },
      textRu,
      "1 заявка не доставлена в crm за 2 ч (timeout). Получатель не ответил вовремя; попробуем снова.",
    ],
    [
      "a paused target",
      { ...calm, paused: [{ name: "crm", cause: "rate_limit" }] },
      textEn,
      "crm is paused: the target asked to slow down (429).",
    ],
    [
      "a slow queue",
      { ...calm, waiting: 3, oldest_waiting_at: NOW - 30 * 60_000 },
      textEn,
      "3 deliveries are waiting, the oldest for 30 min.",
    ],
    [
      "a short queue",
      { ...calm, waiting: 3, oldest_waiting_at: NOW - 60_000 },
      textEn,
      textEn.overview.allWell(2),
    ],
  ];
  it.each(cases)("%s", (_name, facts, text, expected) => {
    expect(healthSentence(text, facts).sentences.join(" ")).toBe(expected);
  });
});
