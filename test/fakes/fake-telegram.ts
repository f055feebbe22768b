import {
  createFakeServer,
  extendFakeServer,
  type FakeResponse,
  type FakeServer,
} from "./fake-server.ts";
import type { RecordedCall } from "./read-call.ts";

/** A message the fake accepted. */
export interface SentTelegram {
  chat_id: string;
  text: string;
  /** What the client asked for; botbridge never sets it. */
  parse_mode: unknown;
}

export interface FakeTelegramOptions {
  /** The bot's token: any other gets 401 Unauthorized. */
  token: string;
  /** Chats the bot is in; any other chat_id gets 400 "Bad Request: chat not found". */
  chats: string[];
  /** Chats whose user blocked the bot (or never pressed Start): 403. */
  blocked?: string[];
}

export type FakeTelegram = FakeServer & {
  readonly sent: SentTelegram[];
  /** The next `times` sendMessage calls get 429 with parameters.retry_after = `seconds`. */
  throttleNext(seconds: number, times?: number): void;
};

/**
 * The Telegram Bot API's sendMessage and getMe, as documented: POST /bot<token>/<method>, JSON or
 * form parameters, answers `{"ok":true,"result":...}` or
 * `{"ok":false,"error_code":N,"description":"...","parameters":{"retry_after":S}}`.
 */
export function createFakeTelegram(options: FakeTelegramOptions): FakeTelegram {
  const sent: SentTelegram[] = [];
  const throttles: { seconds: number; times: number }[] = [];
  const fail = (code: number, description: string, extra: object = {}): FakeResponse => ({
    status: code,
    body: { ok: false, error_code: code, description, ...extra },
  });
  const handle = (call: RecordedCall): FakeResponse => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(call.path);
    if (!match) return fail(404, "Not Found");
    if (decodeURIComponent(match[1] ?? "") !== options.token) return fail(401, "Unauthorized");
    const params = { ...call.query, ...(call.body as Record<string, unknown> | undefined) };
    if (match[2] === "getMe")
      return {
        status: 200,
        body: {
          ok: true,
          result: { id: 1, is_bot: true, first_name: "Fake", username: "fake_bot" },
        },
      };
    if (match[2] !== "sendMessage") return fail(404, "Not Found: method not found");
    const throttle = throttles[0];
    if (throttle) {
      throttle.times -= 1;
      if (throttle.times <= 0) throttles.shift();
      return fail(429, `Too Many Requests: retry after ${throttle.seconds}`, {
        parameters: { retry_after: throttle.seconds },
      });
    }
    const chat =
      typeof params.chat_id === "number" || typeof params.chat_id === "string"
        ? String(params.chat_id)
        : "";
    if (chat === "") return fail(400, "Bad Request: chat_id is empty");
    if (!options.chats.includes(chat)) return fail(400, "Bad Request: chat not found");
    if (options.blocked?.includes(chat)) return fail(403, "Forbidden: bot was blocked by the user");
    const text = typeof params.text === "string" ? params.text : "";
    if (text.trim() === "") return fail(400, "Bad Request: message text is empty");
    if (text.length > 4096) return fail(400, "Bad Request: message is too long");
    sent.push({ chat_id: chat, text, parse_mode: params.parse_mode });
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: sent.length,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chat },
          text,
        },
      },
    };
  };
  return extendFakeServer(createFakeServer({ handle }), {
    sent,
    throttleNext(seconds: number, times = 1) {
      throttles.push({ seconds, times });
    },
  });
}
