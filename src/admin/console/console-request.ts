import type { Request, Response } from "express";
import { HttpError } from "../../core/http-error.ts";
import type { ConsoleSession } from "./console-sessions.ts";
import type { PageContext } from "./render-page.ts";
import { readCookies } from "./read-cookies.ts";
import { pickLanguage, textOf } from "./text-of.ts";

export const SESSION_COOKIE = "botbridge_session";
export const LANGUAGE_COOKIE = "botbridge_lang";

/** The page context of a request: its language and (once logged in) its session. */
export function pageContextOf(req: Request, session: ConsoleSession | null): PageContext {
  const cookies = readCookies(req.headers.cookie);
  const language = pickLanguage(cookies.get(LANGUAGE_COOKIE), req.headers["accept-language"]);
  return { text: textOf(language), session, url: req.originalUrl };
}

/** The session the auth step put on the response (every page behind the login has one). */
export function sessionOf(res: Response): ConsoleSession {
  const session = (res.locals as { session?: ConsoleSession }).session;
  if (!session) throw new HttpError(401, "unauthorized", "log in first");
  return session;
}

/** The page context the auth step put on the response. */
export function contextOf(res: Response): PageContext {
  const context = (res.locals as { context?: PageContext }).context;
  if (!context) throw new HttpError(401, "unauthorized", "log in first");
  return context;
}

/** Answers with a whole HTML page, never cached (it shows stored requests). */
export function sendPage(res: Response, page: string, status = 200): void {
  res.status(status).set("cache-control", "no-store").type("html").send(page);
}

/** A query parameter as one string (the first when repeated), or undefined when absent or empty. */
export function queryText(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : undefined;
}

/** A field of a posted form (urlencoded), or "" when absent. */
export function formText(req: Request, name: string): string {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}
