import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import type { HttpError } from "../core/http-error.ts";

declare module "node:http" {
  interface IncomingMessage {
    /** The request's number in this process (`reqId` on its log lines). */
    id: number;
    /** The server's logger, with this request's `reqId` bound. */
    log: Logger;
  }
}

/** Refusals that are part of normal running, logged as warnings however they are answered. */
const EXPECTED = new Set(["shutting_down"]);

/** What a request was refused with, kept on the response for its log line (see sendError). */
export function noteRefusal(res: Response, error: HttpError): void {
  res.locals.refusal = { code: error.code, reason: error.message };
}

function refusalOf(res: ServerResponse): { code: string; reason: string } | undefined {
  return (res as Partial<Response>).locals?.refusal as { code: string; reason: string } | undefined;
}

/**
 * One log line per refused or failed request (accepted webhooks get their own "event accepted"
 * line), by its path only, since senders put shared secrets in the query string. A request
 * answered with an error code carries that `code` and the `reason` it was given (the JSON parser's
 * words for a 400 invalid_json), and no stack trace: it is an answer, not a crash. Expected
 * refusals (503 shutting_down) are warnings; 5xx otherwise errors, 4xx warnings; a request that
 * succeeds writes nothing here. Each request gets `req.log`, the logger with its `reqId`.
 *
 * Written here rather than taken from pino-http, which builds two child loggers per request
 * (one serializing the whole request) whether or not a line is written: about 7% of the CPU time
 * of an accepted webhook (bench/README.md).
 */
export function logRequests(log: Logger) {
  let next = 0;
  return (req: Request, res: Response, proceed: NextFunction): void => {
    req.id = next = (next + 1) % Number.MAX_SAFE_INTEGER;
    req.log = log.child({ reqId: req.id });
    const started = Date.now();
    const done = (): void => {
      res.off("finish", done);
      res.off("close", done);
      logOutcome(req, res, Date.now() - started);
    };
    res.on("finish", done);
    res.on("close", done);
    proceed();
  };
}

function logOutcome(req: IncomingMessage, res: ServerResponse, responseTime: number): void {
  const refusal = refusalOf(res);
  const failed = res.statusCode >= 500;
  const level =
    refusal && EXPECTED.has(refusal.code)
      ? "warn"
      : failed
        ? "error"
        : res.statusCode >= 400
          ? "warn"
          : undefined;
  if (!level) return;
  const line = {
    req: {
      id: req.id,
      method: req.method,
      path: req.url?.split("?")[0],
      remote_address: req.socket.remoteAddress,
    },
    res: { status: res.statusCode },
    responseTime,
  };
  if (refusal) req.log[level]({ ...line, ...refusal }, "request refused");
  else if (failed) {
    const err = new Error(`failed with status code ${res.statusCode}`);
    req.log[level]({ ...line, err }, "request failed");
  } else req.log[level](line, "request completed");
}
