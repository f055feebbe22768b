import type { RequestHandler } from "express";
import type { Registry } from "prom-client";
import { HttpError } from "../../core/http-error.ts";
import { hasBearerToken } from "./has-bearer-token.ts";

export interface MetricsEndpoint {
  registry: Registry;
  /** The tokens that may scrape (`metrics.token`). None configured: nobody may. */
  tokens: () => readonly string[];
}

/**
 * GET /metrics in the Prometheus text format, for a request with `Authorization: Bearer <token>`
 * only: 401 unauthorized otherwise, also when no token is configured (nothing is open without
 * one, loopback included: a reverse proxy on the same host makes every request local).
 */
export function serveMetrics(endpoint: MetricsEndpoint): RequestHandler {
  return async (req, res) => {
    const tokens = endpoint.tokens();
    if (!hasBearerToken(req.headers.authorization, tokens))
      throw new HttpError(
        401,
        "unauthorized",
        tokens.length === 0
          ? "no token may read /metrics: set metrics.token in routes.yaml"
          : "send Authorization: Bearer <metrics.token>",
        { "www-authenticate": 'Bearer realm="botbridge"' },
      );
    const text = await endpoint.registry.metrics();
    res.set("content-type", endpoint.registry.contentType).set("cache-control", "no-store");
    res.send(text);
  };
}
