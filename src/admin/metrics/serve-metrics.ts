import type { RequestHandler } from "express";
import type { Registry } from "prom-client";
import { HttpError } from "../../core/http-error.ts";
import { checkToken } from "../operate/check-token.ts";
import type { AdminToken } from "../operate/resolve-admin-tokens.ts";

export interface MetricsEndpoint {
  registry: Registry;
  /** `metrics.token`: a token that reads /metrics and nothing else. */
  token: () => string | undefined;
  /** The admin tokens: they read /metrics too. */
  adminTokens: () => readonly AdminToken[];
}

/**
 * GET /metrics in the Prometheus text format, for a request with `Authorization: Bearer <token>`
 * only (metrics.token, or an admin token: one always exists, generated if none is configured):
 * 401 unauthorized otherwise, loopback included (a reverse proxy on the same host makes every
 * request local).
 */
export function serveMetrics(endpoint: MetricsEndpoint): RequestHandler {
  return async (req, res) => {
    const token = endpoint.token();
    const tokens = [...(token ? [{ name: "metrics", token }] : []), ...endpoint.adminTokens()];
    if (checkToken(tokens, req.headers.authorization) === null)
      throw new HttpError(
        401,
        "unauthorized",
        "send Authorization: Bearer <token>: metrics.token or an admin token (admin.token, BOTBRIDGE_ADMIN_TOKEN, or the generated admin-token file)",
        { "www-authenticate": 'Bearer realm="botbridge"' },
      );
    const text = await endpoint.registry.metrics();
    res.set("content-type", endpoint.registry.contentType).set("cache-control", "no-store");
    res.send(text);
  };
}
