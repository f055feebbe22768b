import type { Request, Response } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, sendPage, sessionOf } from "./console-request.ts";
import { explainError } from "./explain-error.ts";
import { html } from "./html.ts";
import { csrfField, renderPage } from "./render-page.ts";
import { showTime } from "./show-time.ts";

/** GET /targets: each target's state (sending, or paused until when and why), backlog, last success and failure; pause and resume. */
export function targetsPage(deps: ConsoleDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const targets = await deps.operate.listTargets();
    const body = html`${targets.length === 0 ? html`<p>${text.targets.none}</p>` : ""}
    ${targets.map((t) => {
      const why = t.pause_reason ?? text.targets.causes[t.paused_by ?? "operator"];
      const state = !t.paused
        ? text.targets.sending
        : t.paused_until
          ? text.targets.pausedUntil(showTime(t.paused_until), why)
          : text.targets.pausedForever(why);
      const change = t.paused ? "resume" : "pause";
      return html`<section class="panel target" id="target-${t.name}" aria-label="${t.name}">
        <h2>
          ${t.name}
          <span class="status ${t.paused ? "status-failed" : "status-succeeded"}"
            >${t.paused ? text.targets.paused : text.targets.sending}</span
          >
        </h2>
        <p class="state">${state}</p>
        <div class="table-wrap">
          <table>
            <tbody>
              <tr>
                <th scope="row">${text.targets.backlog}</th>
                <td>${t.waiting}</td>
              </tr>
              <tr>
                <th scope="row">${text.targets.oldest}</th>
                <td>${showTime(t.oldest_waiting_at)}</td>
              </tr>
              <tr>
                <th scope="row">${text.targets.lastSuccess}</th>
                <td>${showTime(t.last_success_at, text.common.never)}</td>
              </tr>
              <tr>
                <th scope="row">${text.targets.lastFailure}</th>
                <td>
                  ${showTime(t.last_failure_at, text.common.never)}${t.last_error ? html`<br /><span class="muted">${explainError(text, t.last_error)?.hint ?? ""}</span>` : ""}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <form method="post" action="/targets/${encodeURIComponent(t.name)}/${change}">
          ${csrfField(context.session)}
          <button type="submit" ${t.paused ? "" : html` class="secondary"`}>
            ${t.paused ? text.targets.resume : text.targets.pause}
          </button>
        </form>
      </section>`;
    })}`;
    sendPage(res, renderPage(context, text.targets.title, body, "targets"));
  };
}

/** POST /targets/:name/pause and /resume, then back to the targets. */
export function changeTarget(deps: ConsoleDeps, change: "pause" | "resume") {
  return async (req: Request<{ name: string }>, res: Response): Promise<void> => {
    const actor = sessionOf(res).name;
    if (change === "pause")
      await deps.operate.pauseTarget(
        req.params.name,
        { reason: `paused by ${actor} in the console` },
        actor,
      );
    else await deps.operate.resumeTarget(req.params.name, actor);
    res.redirect(303, `/targets#target-${encodeURIComponent(req.params.name)}`);
  };
}
