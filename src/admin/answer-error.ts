import type { ErrorRequestHandler, Request, Response } from "express";
import { HttpError } from "../core/http-error.ts";
import { noteRefusal } from "./log-requests.ts";
import type { HookLocals } from "./metrics/observe-hook-request.ts";

/** The shape of the errors body-parser, raw-body, zlib and the router hand to Express. */
interface PassedError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Express's last handler: every error as `{"error":{"code","message"}}` with a stable code.
 * What the client sent wrong (a body that does not decode, a path that is not valid
 * percent-encoding, any other 4xx from a library) is its 4xx; only the rest is a 500, logged
 * with its stack.
 */
export const answerError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof HttpError) {
    sendError(res, error);
    return;
  }
  const known = clientError(error as PassedError, req);
  if (known) {
    sendError(res, known);
    return;
  }
  req.log.error({ err: error }, "unexpected error");
  sendError(res, new HttpError(500, "internal_error", "unexpected error; see the server log"));
};

function clientError(e: PassedError, req: Request): HttpError | undefined {
  const message = e.message ?? "";
  if (e.type === "entity.too.large")
    return new HttpError(413, "body_too_large", "the body is larger than server.body_limit");
  if (e.type === "encoding.unsupported" || e.status === 415)
    return new HttpError(415, "unsupported_encoding", message || "unsupported content encoding");
  if (e.type === "request.aborted")
    return new HttpError(400, "request_aborted", "the request was aborted by the client");
  if (e.type === "request.size.invalid")
    return new HttpError(400, "invalid_length", "the body is not as long as Content-Length says");
  if (e.status === undefined || e.status < 400 || e.status > 499) return undefined;
  if (e instanceof URIError || message.startsWith("Failed to decode param"))
    return new HttpError(
      400,
      "invalid_path",
      `the path is not valid percent-encoding: ${req.originalUrl.split("?")[0] ?? ""}`,
    );
  const encoding = req.headers["content-encoding"];
  // zlib, brotli and zstd name their failures in codes of their own; the request says which ran.
  if (e.type === undefined && encoding !== undefined && encoding.toLowerCase() !== "identity")
    return new HttpError(
      400,
      "invalid_encoding",
      `the body cannot be decoded as Content-Encoding ${encoding}: ${message}`,
    );
  return new HttpError(e.status, "bad_request", message || "the request cannot be handled");
}

export function sendError(res: Response, error: HttpError): void {
  if (res.headersSent) return;
  noteRefusal(res, error);
  // what observeHookRequest counts a refused webhook under
  (res.locals as HookLocals).error_code = error.code;
  res
    .status(error.status)
    .set(error.headers)
    .json({ error: { code: error.code, message: error.message } });
}
