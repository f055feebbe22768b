import express, { type Router } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import type { ConsoleSessions } from "./console-sessions.ts";
import {
  formText,
  LANGUAGE_COOKIE,
  pageContextOf,
  queryText,
  SESSION_COOKIE,
  sendPage,
} from "./console-request.ts";
import { html } from "./html.ts";
import { renderPage, type PageContext } from "./render-page.ts";
import { sameOrigin } from "./guard-console.ts";

/** Only a path of the console itself may be gone back to after logging in (no open redirect). */
function safeBack(back: string | undefined): string {
  return back && /^\/(?![/\\])/.test(back) ? back : "/";
}

function loginForm(context: PageContext, back: string, wrong: boolean): string {
  const { text } = context;
  return renderPage(
    context,
    text.login.title,
    html`${wrong ? html`<p class="error" role="alert">${text.login.wrong}</p>` : ""}
      <form method="post" action="/login" class="panel">
        <input type="hidden" name="back" value="${back}" />
        <label for="token">${text.login.token}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          autofocus
        />
        <p><button type="submit">${text.login.submit}</button></p>
        <p class="muted">${text.login.hint}</p>
      </form>`,
  );
}

/**
 * GET/POST /login (the admin token in, a signed session cookie out) and GET /lang (the language switch, a cookie). None of them need a session.
 */
export function mountLogin(router: Router, deps: ConsoleDeps, sessions: ConsoleSessions): void {
  router.get("/login", (req, res) => {
    sendPage(res, loginForm(pageContextOf(req, null), safeBack(queryText(req, "back")), false));
  });
  router.post("/login", express.urlencoded({ extended: false, limit: "8kb" }), (req, res) => {
    const context = pageContextOf(req, null);
    const back = safeBack(formText(req, "back"));
    const name = sameOrigin(req) ? deps.checkToken(formText(req, "token")) : null;
    if (name === null) {
      sendPage(res, loginForm(context, back, true), 401);
      return;
    }
    res.cookie(SESSION_COOKIE, sessions.issue(name, deps.now()), {
      httpOnly: true,
      sameSite: "strict",
      secure: req.secure,
      path: "/",
    });
    res.redirect(303, back);
  });
  router.get("/lang", (req, res) => {
    const to = queryText(req, "to") === "ru" ? "ru" : "en";
    res.cookie(LANGUAGE_COOKIE, to, {
      sameSite: "lax",
      secure: req.secure,
      path: "/",
      maxAge: 365 * 86_400_000,
    });
    res.redirect(303, safeBack(queryText(req, "back")));
  });
}
