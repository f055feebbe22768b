import type { RequestHandler } from "express";
import { HttpError } from "../core/http-error.ts";
import { sendError } from "./answer-error.ts";

/**
 * Answers 413 body_too_large at once to a request whose Content-Length is over the limit, and
 * closes the connection: not a byte of its body is read (the body parser, refusing the same
 * request, would first read all of it off the socket to keep the connection usable).
 */
export function refuseOversizedBody(limit: number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers["content-length"]);
    if (!(length > limit)) {
      next();
      return;
    }
    res.set("connection", "close");
    sendError(
      res,
      new HttpError(
        413,
        "body_too_large",
        `the body (Content-Length ${length} bytes) is larger than server.body_limit (${limit} bytes)`,
      ),
    );
  };
}
