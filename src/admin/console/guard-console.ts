import type { NextFunction, Request, Response } from "express";
import { timingSafeEqual } from "node:crypto";
import type { ConsoleSessions } from "./console-sessions.ts";
import { formText, pageContextOf, SESSION_COOKIE, sendPage } from "./console-request.ts";
import { readCookies } from "./read-cookies.ts";
import { html } from "./html.ts";
import { renderPage } from "./render-page.ts";

/**
 * Lets a request through with a valid session cookie (put on res.locals with its page context);
 * a page without one goes to the login form, anything else gets 401. A POST needs the session's
 * CSRF token (field `_csrf` or header x-csrf-token) and, when the browser says where it comes
 * from, the console's own origin.
 */
export function guardConsole(sessions: ConsoleSessions, now: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const session = sessions.read(readCookies(req.headers.cookie).get(SESSION_COOKIE), now());
    const context = pageContextOf(req, session);
    const refuse = (status: number, title: string, message: string): void =>
      sendPage(res, renderPage(context, title, html`<p class="error">${message}</p>`), status);
    if (!session) {
      if (req.method === "GET" && !req.headers["hx-request"]) {
        res.redirect(303, `/login?back=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res.set("hx-redirect", "/login");
      refuse(401, context.text.login.title, context.text.login.title);
      return;
    }
    if (req.method === "POST") {
      const given = String(req.headers["x-csrf-token"] ?? "") || formText(req, "_csrf");
      if (!sameOrigin(req) || !sameText(given, session.csrf)) {
        refuse(403, context.text.common.back, context.text.common.csrf);
        return;
      }
    }
    Object.assign(res.locals, { session, context });
    next();
  };
}

/** True unless the browser says the request comes from another origin (Origin, else Referer). */
export function sameOrigin(req: Request): boolean {
  const own = `${req.protocol}://${req.host}`;
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === own;
  const referer = req.headers.referer;
  if (referer === undefined) return true;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
