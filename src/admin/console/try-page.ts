import type { Request, Response } from "express";
import { HttpError } from "../../core/http-error.ts";
import { describeWhyNot } from "../../routing/describe-why-not.ts";
import { explainRequest, type Explanation } from "../explain-request.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, formText, queryText, sendPage } from "./console-request.ts";
import { html, type Html } from "./html.ts";
import { csrfField, renderPage, type PageContext } from "./render-page.ts";
import type { ConsoleText } from "./text-en.ts";

interface TryInput {
  source: string;
  body: string;
  headers: string;
}

/** GET /try (optionally ?event=<id> to start from a stored event) and POST /try: explain in the browser; nothing is stored or sent. */
export function tryPage(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const sources = [...deps.rules().config.sources.keys()];
    let input: TryInput = {
      source: sources[0] ?? "",
      body: "{}",
      headers: "content-type: application/json",
    };
    let result: Html = html``;
    if (req.method === "POST") {
      input = {
        source: formText(req, "source"),
        body: formText(req, "body"),
        headers: formText(req, "headers"),
      };
      result = await explainInput(deps, context.text, input);
    } else {
      const eventId = queryText(req, "event");
      if (eventId) {
        const event = await deps.operate.getEvent(eventId);
        input = {
          source: event.source,
          body: JSON.stringify(event.body, null, 2),
          headers: "content-type: application/json",
        };
      }
    }
    sendPage(
      res,
      renderPage(
        context,
        context.text.tryIt.title,
        html`${renderForm(context, sources, input)}${result}`,
        "tryIt",
      ),
    );
  };
}

function renderForm(context: PageContext, sources: string[], input: TryInput): Html {
  const { text } = context;
  return html`<p>${text.tryIt.intro}</p>
    <form method="post" action="/try" class="panel">
      ${csrfField(context.session)}
      <label for="try-source">${text.tryIt.source}</label>
      <select id="try-source" name="source">
        ${sources.map((s) => html`<option${s === input.source ? html` selected` : ""}>${s}</option>`)}
      </select>
      <label for="try-headers">${text.tryIt.headers}</label
      ><textarea id="try-headers" name="headers" rows="3">${input.headers}</textarea>
      <label for="try-body">${text.tryIt.body}</label
      ><textarea id="try-body" name="body">${input.body}</textarea>
      <p><button type="submit">${text.tryIt.submit}</button></p>
    </form>`;
}

async function explainInput(deps: ConsoleDeps, text: ConsoleText, input: TryInput): Promise<Html> {
  const { config, actions } = deps.rules();
  if (!config.sources.has(input.source)) return html`<p class="error">${text.common.notFound}</p>`;
  const headers: Record<string, string> = {};
  for (const line of input.headers.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  let explanation: Explanation;
  try {
    explanation = await explainRequest(
      config,
      actions,
      {
        source: input.source,
        method: "POST",
        path: `/hooks/${input.source}`,
        query: "",
        headers,
        raw: Buffer.from(input.body, "utf8"),
        remote_address: "127.0.0.1",
      },
      deps.now(),
    );
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return html`<p class="error" role="alert">${error.status} ${error.code}: ${error.message}</p>`;
  }
  return renderExplanation(text, explanation);
}

function renderExplanation(text: ConsoleText, explanation: Explanation): Html {
  if (explanation.ping) return html`<p class="notice" id="explained">${text.tryIt.ping}</p>`;
  return html`<section id="explained">
    <h2>${text.event.verification}</h2>
    <ul>
      ${explanation.verification.checks.map((c) => html`<li class="${c.ok ? "" : "error"}">${c.scheme}: ${c.ok ? text.common.yes : text.common.no} — ${c.reason}</li>`)}
    </ul>
    ${explanation.verification.checks.length === 0 ? html`<p class="muted">—</p>` : ""}
    <h2>${text.event.routes}</h2>
    ${explanation.routes.map(
      (route) =>
        html`<div class="panel">
          <strong>${route.id}</strong>:
          ${route.matched ? html`<span class="status status-succeeded">${text.event.matched}</span>` : html`<span class="status">${text.event.notMatched}</span> ${route.why ? describeWhyNot(route.why) : ""}`}
          ${(route.actions ?? []).map(
            (a) =>
              html`<div>
                <code>${a.type} → ${a.target}</code>
                ${a.status === "skipped" ? text.tryIt.skipped : a.status === "pending" ? text.tryIt.pending : ""}
                ${a.error ? html`<div class="error">${a.error}</div>` : ""}${(a.problems ?? []).map((p) => html`<div class="error">${p}</div>`)}
                ${a.params !== undefined ? html`<pre>${JSON.stringify(a.params, null, 2)}</pre>` : ""}
              </div>`,
          )}
        </div>`,
    )}
  </section>`;
}
