import type { Request, Response } from "express";
import type { DeliveryDetailView, EventDetailView } from "../api/response-schemas.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, sendPage } from "./console-request.ts";
import { csrfField, renderPage, type PageContext } from "./render-page.ts";
import { explainError } from "./explain-error.ts";
import { html, type Html } from "./html.ts";
import { renderAttempt } from "./render-attempt.ts";
import { renderJsonTree } from "./render-json-tree.ts";
import { showTime } from "./show-time.ts";

/** GET /events/:id: the request as stored, verification, routes matched or why not, deliveries with their attempts. */
export function eventPage(deps: ConsoleDeps) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const context = contextOf(res);
    const event = await deps.operate.getEvent(req.params.id);
    sendPage(
      res,
      renderPage(
        context,
        `${context.text.event.title} · ${event.source}`,
        renderEvent(context, event),
        "events",
      ),
    );
  };
}

function renderEvent(context: PageContext, event: EventDetailView): Html {
  const { text } = context;
  return html`<p>
      ${showTime(event.received_at)} · <code>${event.method} ${event.path}</code> ·
      <code>${event.id}</code>
    </p>
    <p class="actions">
      <a class="button secondary" href="/events/${event.id}/replay">${text.event.replay}</a>
      <a class="button secondary" href="/try?event=${event.id}">${text.tryIt.title}</a>
    </p>
    <h2>${text.event.request}</h2>
    <details class="panel">
      <summary>${text.event.headers} (${Object.keys(event.headers).length})</summary>
      <div class="table-wrap">
        <table>
          ${Object.entries(event.headers).map(
            ([name, value]) =>
              html`<tr>
                <th scope="row">${name}</th>
                <td><code>${value}</code></td>
              </tr>`,
          )}
        </table>
      </div>
    </details>
    ${Object.keys(event.query).length > 0 ? html`<div class="panel"><strong>${text.event.query}</strong>${renderJsonTree(event.query)}</div>` : ""}
    <div class="panel" id="body">
      <strong>${text.event.body}</strong>
      <span class="muted">${event.content_type ?? ""}</span>${renderJsonTree(event.body)}
    </div>
    <h2>${text.event.verification}</h2>
    <p>
      ${event.verification.passed ? text.event.verified : text.event.notVerified}${event.verification.checks.length > 0 ? html`: ${event.verification.checks.join(", ")}` : ""}
    </p>
    <h2>${text.event.routes}</h2>
    <ul id="routes">
      ${event.routes.map(
        (r) =>
          html`<li>
            <strong>${r.id}</strong>:
            ${r.matched ? html`<span class="status status-succeeded">${text.event.matched}</span>` : html`<span class="status">${text.event.notMatched}</span> <span class="why">${r.why_not ?? ""}</span>`}
          </li>`,
      )}
    </ul>
    <h2>${text.event.deliveries}</h2>
    ${event.deliveries.length === 0 ? html`<p>${text.event.noDeliveries}</p>` : event.deliveries.map((d) => renderDelivery(context, d, `/events/${event.id}`))}`;
}

/** One delivery: its state, what its error means, a retry button, and every attempt as a timeline. */
export function renderDelivery(
  context: PageContext,
  delivery: DeliveryDetailView,
  back: string,
): Html {
  const { text } = context;
  const explained = explainError(text, delivery.last_error);
  const retryable = delivery.status === "failed" || delivery.status === "cancelled";
  return html`<section
    class="panel delivery"
    id="delivery-${delivery.id}"
    aria-label="${delivery.route_id}"
  >
    <h3>
      ${delivery.route_id}
      <span class="status status-${delivery.status}">${text.status[delivery.status]}</span>
    </h3>
    ${explained ? html`<p class="${delivery.status === "failed" ? "error" : ""}"><strong>${explained.code}</strong>: ${explained.hint}</p>` : ""}
    ${delivery.status === "pending" && delivery.last_error ? html`<p>${text.event.willRetry(showTime(delivery.next_attempt_at))}</p>` : ""}
    ${
      retryable
        ? html`<form method="post" action="/deliveries/${delivery.id}/retry">
            ${csrfField(context.session)}<input type="hidden" name="back" value="${back}" /><button
              type="submit"
            >
              ${text.event.retry}
            </button>
          </form>`
        : ""
    }
    <ol class="timeline">
      ${delivery.attempt_history.map((a) => renderAttempt(text, a))}
    </ol>
  </section>`;
}
