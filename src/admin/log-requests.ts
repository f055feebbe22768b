import type { ServerResponse } from "node:http";
import type { Response } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { HttpError } from "../core/http-error.ts";

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
 * refusals (503 shutting_down) are warnings; 5xx otherwise errors, 4xx warnings.
 */
export function logRequests(log: Logger) {
  return pinoHttp({
    logger: log,
    quietReqLogger: true,
    customLogLevel: (_req, res, error) => {
      const refusal = refusalOf(res);
      if (refusal && EXPECTED.has(refusal.code)) return "warn";
      return error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "silent";
    },
    customSuccessMessage: (_req, res) => (refusalOf(res) ? "request refused" : "request completed"),
    customErrorMessage: (_req, res) => (refusalOf(res) ? "request refused" : "request failed"),
    customSuccessObject: (_req, res, val: Record<string, unknown>) => ({
      ...val,
      ...refusalOf(res),
    }),
    customErrorObject: (_req, res, _error, val: Record<string, unknown>) => {
      const refusal = refusalOf(res);
      if (!refusal) return val;
      // pino-http makes up an Error ("failed with status code 503") for any 5xx: not worth a stack
      const { err: _made, ...rest } = val;
      return { ...rest, ...refusal };
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split("?")[0],
        remote_address: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  });
}
