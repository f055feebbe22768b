import type { Request, Response } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, sendPage, sessionOf } from "./console-request.ts";
import { html } from "./html.ts";
import { csrfField, renderPage } from "./render-page.ts";

/**
 * GET /events/:id/replay: what happened (the event's deliveries) beside what the current rules
 * would do (a dry run: matched routes and each one's first action rendered), then the button.
 */
export function replayPage(deps: ConsoleDeps) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const actor = sessionOf(res).name;
    const [event, plan] = await Promise.all([
      deps.operate.getEvent(req.params.id),
      deps.operate.replayEvent(req.params.id, { rules: "current", dry_run: true }, actor),
    ]);
    const body = html`<p><a href="/events/${event.id}">${event.source} · ${event.id}</a></p>
      <div class="side-by-side">
        <section class="panel" id="then">
          <h2>${text.replay.then}</h2>
          ${
            event.deliveries.length === 0
              ? html`<p>${text.event.noDeliveries}</p>`
              : html`<ul>
                  ${event.deliveries.map((d) => {
                    const first = d.attempt_history[0];
                    return html`<li>
                      <strong>${d.route_id}</strong>
                      <span class="status status-${d.status}">${text.status[d.status]}</span
                      >${first ? html`<br /><code>${first.action_type} → ${first.target ?? ""}</code>${first.exchanges[0] ? html`<pre>${JSON.stringify(first.exchanges[0].request_body ?? null, null, 2)}</pre>` : ""}` : ""}
                    </li>`;
                  })}
                </ul>`
          }
        </section>
        <section class="panel" id="now">
          <h2>${text.replay.now}</h2>
          ${
            plan.routes.length === 0
              ? html`<p>${text.replay.nothing}</p>`
              : html`<ul>
                  ${plan.routes.map(
                    (r) =>
                      html`<li>
                        <strong>${r.id}</strong>${
                          r.first_action
                            ? html`<br /><code
                                  >${r.first_action.type} → ${r.first_action.target}</code
                                >${r.first_action.skipped ? html` <span class="muted">${text.tryIt.skipped}: ${r.first_action.skipped}</span>` : ""}${r.first_action.error ? html` <span class="error">${r.first_action.error}</span>` : ""}
                                <pre>${JSON.stringify(r.first_action.params ?? null, null, 2)}</pre>
                                ${(r.first_action.problems ?? []).map((p) => html`<div class="error">${p}</div>`)}`
                            : ""
                        }
                      </li>`,
                  )}
                </ul>`
          }
          ${
            plan.unmatched.length > 0
              ? html`<ul>
                  ${plan.unmatched.map((u) => html`<li>${u.id}: ${text.event.notMatched} <span class="muted">${u.why_not ?? ""}</span></li>`)}
                </ul>`
              : ""
          }
        </section>
      </div>
      ${
        plan.differences.length > 0
          ? html`<ul id="differences">
              ${plan.differences.map((d) => html`<li>${d}</li>`)}
            </ul>`
          : ""
      }
      <form method="post" action="/events/${event.id}/replay" class="actions">
        ${csrfField(context.session)}
        <button type="submit" ${plan.routes.length === 0 ? html` disabled` : ""}>
          ${text.replay.confirm}
        </button>
        <a class="button secondary" href="/events/${event.id}">${text.common.back}</a>
      </form>`;
    sendPage(res, renderPage(context, text.replay.title, body, "events"));
  };
}

/** POST /events/:id/replay: replays under the current rules and says how many deliveries it made. */
export function replayNow(deps: ConsoleDeps) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const context = contextOf(res);
    const result = await deps.operate.replayEvent(
      req.params.id,
      { rules: "current", dry_run: false },
      sessionOf(res).name,
    );
    const body = html`<p class="notice" role="status" id="replayed">
        ${context.text.replay.done(result.deliveries.length)}
      </p>
      <p><a href="/events/${req.params.id}">${context.text.event.title}</a></p>`;
    sendPage(res, renderPage(context, context.text.replay.title, body, "events"));
  };
}
