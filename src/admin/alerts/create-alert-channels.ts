import type { AlertSettings } from "../../config/alerts-schema.ts";
import type { TemplateFunctions } from "../../templates/template-functions.ts";
import type { AlertChannel } from "./alert-channel.ts";
import { createTelegramChannel } from "./create-telegram-channel.ts";
import { createWebhookChannel } from "./create-webhook-channel.ts";

/** The channels configured under alerts.channels, in the order the docs list them. */
export function createAlertChannels(
  settings: AlertSettings,
  functions: TemplateFunctions,
  mask: (text: string) => string,
): AlertChannel[] {
  const { telegram, webhook } = settings.channels;
  return [
    ...(telegram ? [createTelegramChannel(telegram, mask)] : []),
    ...(webhook ? [createWebhookChannel(webhook, functions, mask)] : []),
  ];
}

/** Where links in alerts point: alerts.console_url, else this server on localhost. */
export function consoleUrlOf(settings: AlertSettings, port: number): string {
  return settings.console_url ?? `http://localhost:${port}/`;
}
