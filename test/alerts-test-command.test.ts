import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { formatTestOutcomes, sendTestAlerts } from "../src/admin/alerts/send-test-alerts.ts";
import { parseConfig } from "../src/config/load-config.ts";
import { createFakeTelegram } from "./fakes/fake-telegram.ts";
import { runBotbridge } from "./run-botbridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

// `botbridge alerts test` against a fake Telegram: each way it fails says exactly what to fix,
// and the bot token shows nowhere in what it prints.

const TOKEN = "7000001:AAF-the-real-bot-token";
const telegram = createFakeTelegram({ token: TOKEN, chats: ["100", "200"], blocked: ["200"] });
beforeAll(() => telegram.start());
afterAll(() => telegram.close());

const routes = (apiUrl: string, chat: string) => `version: 1
alerts:
  channels:
    telegram:
      bot_token: \${TELEGRAM_BOT_TOKEN}
      chat_id: "${chat}"
      api_url: ${apiUrl}
`;

describe("botbridge alerts test", () => {
  it.each([
    ["a message sent", TOKEN, "100", undefined, 0, /^telegram: sent$/m],
    [
      "a wrong bot token",
      "7000001:AAF-wrong-token",
      "100",
      undefined,
      1,
      /telegram_wrong_token\): Telegram refused the bot token \(HTTP 401: Unauthorized\): check alerts\.channels\.telegram\.bot_token/,
    ],
    [
      "a bot not started in the chat",
      TOKEN,
      "200",
      undefined,
      1,
      /telegram_bot_not_started\): the bot may not write to chat 200 \(HTTP 403: Forbidden: bot was blocked by the user\): open that chat with the bot and press Start/,
    ],
    [
      "a wrong chat id",
      TOKEN,
      "300",
      undefined,
      1,
      /telegram_chat_not_found\): Telegram knows no chat 300 .*check alerts\.channels\.telegram\.chat_id/,
    ],
    [
      "an unreachable api_url",
      TOKEN,
      "100",
      "http://127.0.0.1:9",
      1,
      /telegram_unreachable\): cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:9 .*check alerts\.channels\.telegram\.api_url/,
    ],
  ])("%s", async (_label, token, chat, apiUrl, failed, said) => {
    const loaded = parseConfig(routes(apiUrl ?? telegram.url, chat), "routes.yaml", {
      actions: createActions(),
      env: { TELEGRAM_BOT_TOKEN: token },
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const outcomes = await sendTestAlerts(loaded.config, "telegram");
    const printed = formatTestOutcomes(outcomes);
    expect(printed).toMatch(said);
    expect(outcomes.filter((o) => !o.result.ok)).toHaveLength(failed);
    expect(printed).not.toContain(token);
  });

  it("runs from the command line: exit 1 and the reason when a send fails", async () => {
    const { file } = writeRoutesFile(routes(telegram.url, "300"));
    const run = await runBotbridge(["--config", file, "alerts", "test"], {
      env: { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN },
    });
    expect(run.stdout).toMatch(/^telegram: not sent \(telegram_chat_not_found\)/);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it("names the channels configured when asked for another", async () => {
    const { file } = writeRoutesFile(routes(telegram.url, "100"));
    const run = await runBotbridge(["--config", file, "alerts", "test", "webhook"], {
      env: { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no alert channel "webhook" is configured (configured: telegram)');
  });

  it("sends the test message as plain text in the configured language", async () => {
    const { file } = writeRoutesFile(
      `${routes(telegram.url, "100")}  language: ru\n  console_url: https://bridge.example.com\n`,
    );
    const run = await runBotbridge(["--config", file, "alerts", "test"], {
      env: { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN },
    });
    expect(run.stdout).toBe("telegram: sent\n");
    expect(telegram.sent.at(-1)?.text).toMatch(
      /^botbridge: проверка оповещений .*\nhttps:\/\/bridge\.example\.com$/,
    );
    expect(telegram.sent.at(-1)?.parse_mode).toBeUndefined();
  });
});
