import { request } from "undici";
import type { WebhookSettings } from "../../config/alerts-schema.ts";
import { compileValue } from "../../templates/compile-value.ts";
import type { TemplateFunctions } from "../../templates/template-functions.ts";
import type { AlertChannel, AlertMessage, SendResult } from "./alert-channel.ts";

/**
 * POSTs each alert as JSON: the `body` template rendered over `alert` (the project's {{ }}
 * templates), or the alert object itself. A 2xx is sent; anything else says what came back.
 * Texts it returns pass through `mask` (header values are among the config's secrets).
 */
export function createWebhookChannel(
  settings: WebhookSettings,
  functions: TemplateFunctions,
  mask: (text: string) => string,
  timeoutMs = 10_000,
): AlertChannel {
  const body = settings.body === undefined ? undefined : compileValue(settings.body, functions);
  const render = async (alert: AlertMessage): Promise<unknown> => {
    if (!body) return alert;
    const context = {
      body: alert,
      query: {},
      headers: {},
      source: "alerts",
      event: { id: alert.issue_id ?? "", received_at: alert.opened_at ?? "" },
      steps: {},
      alert,
    };
    return body.render(context);
  };
  return {
    name: "webhook",
    async send(message, signal): Promise<SendResult> {
      let payload: string;
      try {
        payload = JSON.stringify(await render(message));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          code: "webhook_template_error",
          message: mask(`alerts.channels.webhook.body did not render: ${reason}`),
          retryable: false,
        };
      }
      try {
        const response = await request(settings.url, {
          method: "POST",
          headers: { ...settings.headers, "content-type": "application/json" },
          body: payload,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(signal ? { signal } : {}),
        });
        const text = (await response.body.text()).slice(0, 300);
        const status = response.statusCode;
        if (status >= 200 && status < 300) return { ok: true };
        return {
          ok: false,
          code: `webhook_http_${status}`,
          message: mask(`the alert webhook answered HTTP ${status}${text ? `: ${text}` : ""}`),
          retryable: status === 429 || status >= 500,
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          code: "webhook_unreachable",
          message: mask(
            `cannot reach the alert webhook (${reason}): check alerts.channels.webhook.url`,
          ),
          retryable: true,
        };
      }
    },
  };
}
