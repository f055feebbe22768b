import type { Request, Response } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, sendPage } from "./console-request.ts";
import { html } from "./html.ts";
import { renderPage } from "./render-page.ts";
import { showTime } from "./show-time.ts";

/** GET /rules: the loaded routes file with its secrets masked, when it was loaded, and a refused reload's problems. */
export function rulesPage(deps: ConsoleDeps) {
  return (_req: Request, res: Response): void => {
    const context = contextOf(res);
    const { text } = context;
    const rules = deps.rules();
    const body = html`<p>${text.rules.loadedAt(showTime(rules.loaded_at))}</p>
      ${
        rules.refused
          ? html`<div class="panel" role="alert" id="refused">
              <p class="error">${text.rules.refused(showTime(rules.refused.at))}</p>
              <pre>${rules.refused.problems.join("\n")}</pre>
            </div>`
          : ""
      }
      <pre id="rules-file">${rules.file}</pre>`;
    sendPage(res, renderPage(context, text.rules.title, body, "rules"));
  };
}
