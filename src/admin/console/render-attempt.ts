import type { DeliveryDetailView } from "../api/response-schemas.ts";
import { explainError } from "./explain-error.ts";
import { html, type Html } from "./html.ts";
import { showTime } from "./show-time.ts";
import type { ConsoleText } from "./text-en.ts";

type Attempt = DeliveryDetailView["attempt_history"][number];

/** One attempt on the timeline: what was sent, what came back, how long, what it means; the raw exchange folded. */
export function renderAttempt(text: ConsoleText, attempt: Attempt): Html {
  const explained = attempt.error_code ? explainError(text, attempt.error_code) : null;
  const first = attempt.exchanges[0];
  return html`<li class="${attempt.outcome}">
    <div>
      <strong>${attempt.action_type}</strong>${attempt.target ? html` → ${attempt.target}` : ""} ·
      ${showTime(attempt.started_at)} · ${text.event.duration(attempt.duration_ms)} ·
      <span class="status">${attempt.outcome}</span>
    </div>
    ${first ? html`<div>${text.event.sent}: <code>${first.method} ${first.url}</code></div>` : ""}
    ${attempt.response_status !== null ? html`<div>${text.event.answer}: <code>${attempt.response_status}</code></div>` : ""}
    ${explained ? html`<div class="${attempt.outcome === "failed" ? "error" : ""}"><strong>${explained.code}</strong>: ${explained.hint} <span class="muted">${attempt.error_message ?? ""}</span></div>` : ""}
    ${
      attempt.exchanges.length > 0 || attempt.response_body
        ? html`<details>
            <summary>${text.event.raw}</summary>
            <pre>
${JSON.stringify(attempt.exchanges.length > 0 ? attempt.exchanges : attempt.response_body, null, 2)}</pre>
          </details>`
        : ""
    }
  </li>`;
}
