import type { SendResult } from "./alert-channel.ts";

/**
 * What a Bot API answer means for the operator: sent, or exactly what to fix (the token, starting
 * the bot in the chat, the chat id), or when to try again (429's parameters.retry_after).
 */
export function explainTelegramAnswer(status: number, answer: unknown, chatId: string): SendResult {
  const body = (answer !== null && typeof answer === "object" ? answer : {}) as {
    ok?: unknown;
    description?: unknown;
    parameters?: { retry_after?: unknown };
  };
  if (status >= 200 && status < 300 && body.ok !== false) return { ok: true };
  const said =
    typeof body.description === "string"
      ? body.description
      : typeof answer === "string"
        ? answer
        : "";
  const told = said ? `: ${said}` : "";
  const fail = (code: string, message: string, retryable = false): SendResult => ({
    ok: false,
    code,
    message,
    retryable,
  });
  if (status === 401 || status === 404)
    return fail(
      "telegram_wrong_token",
      `Telegram refused the bot token (HTTP ${status}${told}): check alerts.channels.telegram.bot_token, the token @BotFather gave`,
    );
  if (status === 403)
    return fail(
      "telegram_bot_not_started",
      `the bot may not write to chat ${chatId} (HTTP 403${told}): open that chat with the bot and press Start (or add the bot to the group or channel), then try again`,
    );
  if (status === 400 && /chat not found/i.test(said))
    return fail(
      "telegram_chat_not_found",
      `Telegram knows no chat ${chatId} for this bot (HTTP 400${told}): check alerts.channels.telegram.chat_id; the bot must be a member of that chat`,
    );
  if (status === 429) {
    const seconds = Number(body.parameters?.retry_after);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 5;
    return {
      ok: false,
      code: "telegram_rate_limited",
      message: `Telegram asks to wait ${wait} s before the next message (HTTP 429${told})`,
      retryAfterMs: wait * 1000,
      retryable: true,
    };
  }
  if (status >= 500)
    return fail("telegram_unavailable", `Telegram answered HTTP ${status}${told}`, true);
  return fail("telegram_bad_request", `Telegram refused the message (HTTP ${status}${told})`);
}
