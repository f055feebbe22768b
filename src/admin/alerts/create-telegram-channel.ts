import { request } from "undici";
import type { TelegramSettings } from "../../config/alerts-schema.ts";
import type { AlertChannel, SendResult } from "./alert-channel.ts";
import { explainTelegramAnswer } from "./explain-telegram-answer.ts";

/** Telegram's limit is 4096 characters; a message is cut well before. */
const MAX_TEXT = 4000;

/**
 * Sends alerts with the Bot API's sendMessage as plain text: no parse_mode, so no error body
 * quoted in an alert can break it. The bot token is in the URL only; every text this returns has
 * it (and the config's secrets, through `mask`) replaced by ***.
 */
export function createTelegramChannel(
  settings: TelegramSettings,
  mask: (text: string) => string,
  timeoutMs = 10_000,
): AlertChannel {
  const base = settings.api_url.replace(/\/+$/, "");
  const hide = (text: string) => mask(text.split(settings.bot_token).join("***"));
  return {
    name: "telegram",
    async send(message, signal): Promise<SendResult> {
      const text =
        message.text.length > MAX_TEXT ? `${message.text.slice(0, MAX_TEXT - 1)}…` : message.text;
      let status: number;
      let answer: unknown;
      try {
        const response = await request(`${base}/bot${settings.bot_token}/sendMessage`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            chat_id: settings.chat_id,
            text,
            link_preview_options: { is_disabled: true },
          }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(signal ? { signal } : {}),
        });
        status = response.statusCode;
        const body = await response.body.text();
        try {
          answer = JSON.parse(body);
        } catch {
          answer = body.slice(0, 300);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          code: "telegram_unreachable",
          message: hide(
            `cannot reach the Telegram Bot API at ${base} (${reason}): check alerts.channels.telegram.api_url and this host's network`,
          ),
          retryable: true,
        };
      }
      const result = explainTelegramAnswer(status, answer, String(settings.chat_id));
      return result.ok ? result : { ...result, message: hide(result.message) };
    },
  };
}
