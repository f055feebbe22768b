import { hostname } from "node:os";
import type { Config } from "../../config/config.ts";
import { createMasker } from "../../targets/mask-secrets.ts";
import type { SendResult } from "./alert-channel.ts";
import { ALERT_TEXTS_EN } from "./alert-texts-en.ts";
import { ALERT_TEXTS_RU } from "./alert-texts-ru.ts";
import { consoleUrlOf, createAlertChannels } from "./create-alert-channels.ts";
import { fill } from "./write-alert-message.ts";

export interface TestOutcome {
  channel: string;
  result: SendResult;
}

/**
 * Sends a test message to every configured channel (or the one named), as `serve` would send
 * an alert, and reports each outcome; throws when the named channel is not configured.
 */
export async function sendTestAlerts(config: Config, only?: string): Promise<TestOutcome[]> {
  const settings = config.settings.alerts;
  const masker = createMasker(config.secrets);
  const channels = createAlertChannels(settings, config.functions, (t) => masker.text(t));
  const chosen = only === undefined ? channels : channels.filter((c) => c.name === only);
  if (chosen.length === 0) {
    const known = channels.map((c) => c.name).join(", ") || "none";
    throw new Error(
      only === undefined
        ? "no alert channel is configured: add alerts.channels.telegram or alerts.channels.webhook (docs/alerts.md)"
        : `no alert channel "${only}" is configured (configured: ${known})`,
    );
  }
  const texts = settings.language === "ru" ? ALERT_TEXTS_RU : ALERT_TEXTS_EN;
  const link = consoleUrlOf(settings, config.settings.server.port);
  const text = fill(texts.test, { host: hostname(), link });
  const outcomes: TestOutcome[] = [];
  for (const channel of chosen) {
    const message = {
      stage: "test" as const,
      kind: "test",
      subject: "",
      text,
      link,
      issue_id: null,
      opened_at: null,
    };
    outcomes.push({
      channel: channel.name,
      result: await channel.send(message, AbortSignal.timeout(30_000)),
    });
  }
  return outcomes;
}

/** One line per channel: `telegram: sent`, or `telegram: not sent (code): what to fix`. */
export function formatTestOutcomes(outcomes: readonly TestOutcome[]): string {
  return outcomes
    .map(({ channel, result }) =>
      result.ok ? `${channel}: sent` : `${channel}: not sent (${result.code}): ${result.message}`,
    )
    .join("\n");
}
