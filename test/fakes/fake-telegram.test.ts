import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeTelegram } from "./fake-telegram.ts";

const telegram = createFakeTelegram({ token: "123:good", chats: ["42", "7"], blocked: ["7"] });
beforeAll(() => telegram.start());
afterAll(() => telegram.close());

const send = async (token: string, body: unknown) => {
  const response = await fetch(`${telegram.url}/bot${token}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("fake Telegram", () => {
  it.each([
    ["a message", "123:good", { chat_id: 42, text: "hi" }, 200, { ok: true }],
    ["a wrong token", "123:bad", { chat_id: 42, text: "hi" }, 401, { description: "Unauthorized" }],
    [
      "an unknown chat",
      "123:good",
      { chat_id: 5, text: "hi" },
      400,
      { description: "Bad Request: chat not found" },
    ],
    [
      "a blocked bot",
      "123:good",
      { chat_id: 7, text: "hi" },
      403,
      { description: "Forbidden: bot was blocked by the user" },
    ],
    [
      "an empty text",
      "123:good",
      { chat_id: 42, text: "" },
      400,
      { description: "Bad Request: message text is empty" },
    ],
  ])("answers %s", async (_label, token, body, status, expected) => {
    const answer = await send(token, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject(expected);
  });

  it("throttles with parameters.retry_after, then sends", async () => {
    telegram.throttleNext(3);
    expect(await send("123:good", { chat_id: 42, text: "a" })).toMatchObject({
      status: 429,
      body: { error_code: 429, parameters: { retry_after: 3 } },
    });
    expect((await send("123:good", { chat_id: 42, text: "a" })).status).toBe(200);
  });

  it("answers getMe", async () => {
    const response = await fetch(`${telegram.url}/bot123:good/getMe`);
    expect(await response.json()).toMatchObject({ ok: true, result: { is_bot: true } });
  });
});
