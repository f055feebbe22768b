import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeTelegram } from "../../../test/fakes/fake-telegram.ts";
import { createTelegramChannel } from "./create-telegram-channel.ts";
import type { AlertMessage } from "./alert-channel.ts";

const TOKEN = "123456:AAH-secret-bot-token";
const telegram = createFakeTelegram({ token: TOKEN, chats: ["42", "7"], blocked: ["7"] });
beforeAll(() => telegram.start());
afterAll(() => telegram.close());

const message: AlertMessage = {
  stage: "test",
  kind: "test",
  subject: "",
  text: "*not markdown* <b>nor html</b> _ [",
  link: "http://localhost:8080/",
  issue_id: null,
  opened_at: null,
};

describe("the Telegram channel", () => {
  it("sends plain text, with no parse_mode", async () => {
    const channel = createTelegramChannel(
      { bot_token: TOKEN, chat_id: "42", api_url: telegram.url },
      (t) => t,
    );
    expect(await channel.send(message)).toEqual({ ok: true });
    expect(telegram.sent.at(-1)).toEqual({
      chat_id: "42",
      text: message.text,
      parse_mode: undefined,
    });
  });

  it.each([
    ["a wrong token", { bot_token: "999:wrong-token-x" }, "telegram_wrong_token", /bot_token/],
    ["an unknown chat", { chat_id: "5" }, "telegram_chat_not_found", /chat_id/],
    ["a bot not started", { chat_id: "7" }, "telegram_bot_not_started", /press Start/],
    [
      "an unreachable api_url",
      { api_url: "http://127.0.0.1:9" },
      "telegram_unreachable",
      /api_url/,
    ],
  ])("says what to fix for %s", async (_label, change, code, hint) => {
    const settings = { bot_token: TOKEN, chat_id: "42", api_url: telegram.url, ...change };
    const result = await createTelegramChannel(settings, (t) => t).send(message);
    expect(result).toMatchObject({ ok: false, code });
    const text = JSON.stringify(result);
    expect(text).toMatch(hint);
    expect(text).not.toContain(settings.bot_token);
  });

  it("hands back Telegram's retry_after on a 429", async () => {
    telegram.throttleNext(7);
    const channel = createTelegramChannel(
      { bot_token: TOKEN, chat_id: "42", api_url: telegram.url },
      (t) => t,
    );
    expect(await channel.send(message)).toMatchObject({
      ok: false,
      code: "telegram_rate_limited",
      retryAfterMs: 7000,
      retryable: true,
    });
  });
});
