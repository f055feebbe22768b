import type { Request, Response } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, formText, queryText, sendPage, sessionOf } from "./console-request.ts";
import { explainError } from "./explain-error.ts";
import { html } from "./html.ts";
import { groupFailures } from "./group-failures.ts";
import { csrfField, renderPage } from "./render-page.ts";
import { showTime } from "./show-time.ts";

/** GET /failed: failed deliveries grouped by route and error, each group with what to do and a bulk retry; the latest ones each with a retry. */
export function failedPage(deps: ConsoleDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const [groups, latest] = await Promise.all([
      groupFailures(deps),
      deps.operate.listDeliveries({ status: "failed" }, { limit: 50 }),
    ]);
    const body = html`${groups.length === 0 ? html`<p>${text.failed.none}</p>` : ""}
    ${groups.map((g) => {
      const query = new URLSearchParams({ route: g.route_id, code: g.code }).toString();
      return html`<section class="panel" id="${g.route_id}-${g.code}">
        <h2>
          ${g.route_id} · ${g.code}
          <span class="status status-failed">${g.count}${g.more ? "+" : ""}</span>
        </h2>
        <p>${explainError(text, g.last_error)?.hint ?? ""}</p>
        <p class="muted"><code>${g.last_error}</code></p>
        <p><a class="button" href="/failed/retry?${query}">${text.failed.retryGroup}</a></p>
      </section>`;
    })}
    ${
      latest.data.length > 0
        ? html`<h2>${text.failed.latest}</h2>
            <div class="table-wrap">
              <table>
                <tbody>
                  ${latest.data.map(
                    (d) =>
                      html`<tr>
                        <td>
                          <a href="/events/${d.event_id}#delivery-${d.id}"
                            >${showTime(d.updated_at)}</a
                          >
                        </td>
                        <td>${d.route_id}</td>
                        <td>${explainError(text, d.last_error)?.code ?? ""}</td>
                        <td>
                          <form method="post" action="/deliveries/${d.id}/retry">
                            ${csrfField(context.session)}<input
                              type="hidden"
                              name="back"
                              value="/failed"
                            /><button type="submit">${text.failed.retryOne}</button>
                          </form>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : ""
    }`;
    sendPage(res, renderPage(context, text.failed.title, body, "failed"));
  };
}

/** GET /failed/retry?route&code: how many a bulk retry will touch, and the button that starts it. */
export function confirmRetryPage(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const route = queryText(req, "route") ?? "";
    const code = queryText(req, "code") ?? "";
    const total = await deps.operate.estimateBulk({ status: "failed", route, error_code: code });
    const body = html`<p id="estimate">${text.failed.estimate(total)}</p>
      <form method="post" action="/failed/retry" class="actions">
        ${csrfField(context.session)} <input type="hidden" name="route" value="${route}" /><input
          type="hidden"
          name="code"
          value="${code}"
        />
        <button type="submit">${text.failed.confirm(total)}</button>
        <a class="button secondary" href="/failed">${text.common.back}</a>
      </form>`;
    sendPage(res, renderPage(context, `${route} · ${code}`, body, "failed"));
  };
}

/** POST /failed/retry: starts the bulk retry of a group in the background and says how many. */
export function startRetryGroup(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const filter = {
      status: "failed" as const,
      route: formText(req, "route"),
      error_code: formText(req, "code"),
    };
    const operation = await deps.operate.startBulk(
      "retry",
      filter,
      { force: false },
      sessionOf(res).name,
    );
    const body = html`<p class="notice" role="status" id="started">
        ${context.text.failed.started(operation.total)}
      </p>
      <p>
        <a href="/failed">${context.text.failed.title}</a> ·
        <a href="/events?status=pending">${context.text.events.title}</a>
      </p>`;
    sendPage(res, renderPage(context, context.text.failed.title, body, "failed"));
  };
}

/** POST /deliveries/:id/retry: retries one delivery, then back to the page it was asked from. */
export function retryOne(deps: ConsoleDeps) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    await deps.operate.retryDelivery(req.params.id, { force: false }, sessionOf(res).name);
    const back = formText(req, "back");
    res.redirect(303, /^\/(?![/\\])/.test(back) ? back : "/failed");
  };
}
