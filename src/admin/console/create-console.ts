import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
} from "express";
import { HttpError } from "../../core/http-error.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { createConsoleSessions, type ConsoleSession } from "./console-sessions.ts";
import { pageContextOf, SESSION_COOKIE, sendPage } from "./console-request.ts";
import { eventPage } from "./event-page.ts";
import { eventsLive } from "./events-live.ts";
import { eventsPage } from "./events-page.ts";
import { confirmRetryPage, failedPage, retryOne, startRetryGroup } from "./failed-page.ts";
import { guardConsole } from "./guard-console.ts";
import { html } from "./html.ts";
import { mountLogin } from "./mount-login.ts";
import { overviewPage } from "./overview-page.ts";
import { renderPage } from "./render-page.ts";
import { replayNow, replayPage } from "./replay-page.ts";
import { rulesPage } from "./rules-page.ts";
import { serveAssets } from "./serve-assets.ts";
import { changeTarget, targetsPage } from "./targets-page.ts";
import { tryPage } from "./try-page.ts";

/** The console's own paths: anything else falls through to the app (/hooks, /api/v1, health, 404). */
const PAGES = /^\/($|events(\/|$)|failed(\/|$)|deliveries\/|targets(\/|$)|try$|rules$|logout$)/;

/**
 * The web console at `/`: server-rendered pages behind the admin token (a login form, a signed
 * HttpOnly SameSite=Strict session cookie, a CSRF token on every POST), htmx for the
 * interactive parts, Russian and English.
 */
export function createConsole(deps: ConsoleDeps): Router {
  const router = Router();
  const sessions = createConsoleSessions(deps.sessionSecret);
  serveAssets(router);
  mountLogin(router, deps, sessions);
  const pages = Router();
  pages.use(express.urlencoded({ extended: false, limit: "1mb" }));
  pages.use(guardConsole(sessions, deps.now));
  pages.get("/", overviewPage(deps));
  pages.get("/events", eventsPage(deps));
  pages.get("/events/live", eventsLive(deps));
  pages.get("/events/:id", eventPage(deps));
  pages.get("/events/:id/replay", replayPage(deps));
  pages.post("/events/:id/replay", replayNow(deps));
  pages.get("/failed", failedPage(deps));
  pages.get("/failed/retry", confirmRetryPage(deps));
  pages.post("/failed/retry", startRetryGroup(deps));
  pages.post("/deliveries/:id/retry", retryOne(deps));
  pages.get("/targets", targetsPage(deps));
  pages.post("/targets/:name/pause", changeTarget(deps, "pause"));
  pages.post("/targets/:name/resume", changeTarget(deps, "resume"));
  pages.get("/try", tryPage(deps));
  pages.post("/try", tryPage(deps));
  pages.get("/rules", rulesPage(deps));
  pages.post("/logout", (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.redirect(303, "/login");
  });
  pages.use(answerPageError);
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (PAGES.test(req.path)) pages(req, res, next);
    else next();
  });
  return router;
}

/** A page's error as a page: 404 for what is not there, the message for a refused change, 500 logged. */
const answerPageError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const context = pageContextOf(req, (res.locals as { session?: ConsoleSession }).session ?? null);
  const known = error instanceof HttpError ? error : null;
  if (!known) req.log.error({ err: error }, "console page failed");
  const status = known?.status ?? 500;
  const message =
    status === 404 ? context.text.common.notFound : (known?.message ?? "internal_error");
  sendPage(
    res,
    renderPage(
      context,
      String(status),
      html`<p class="error" role="alert">${message}</p>
        <p><a href="/">${context.text.nav.overview}</a></p>`,
    ),
    status,
  );
};
