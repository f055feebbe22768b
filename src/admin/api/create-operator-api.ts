import express, { Router, type ErrorRequestHandler, type Request } from "express";
import { HttpError } from "../../core/http-error.ts";
import type { Operate } from "../operate/create-operate.ts";
import type { AdminToken } from "../operate/resolve-admin-tokens.ts";
import { OPERATOR_ENDPOINTS } from "./operator-endpoints.ts";
import { parseInput } from "./parse-input.ts";
import { requireToken } from "./require-token.ts";

/** A body that is not JSON: 400 invalid_body, like one that does not fit its schema. */
const refuseUnreadableBody: ErrorRequestHandler = (error: { type?: string }, _req, _res, next) => {
  if (error.type === "entity.parse.failed")
    throw new HttpError(400, "invalid_body", "invalid body: expected JSON");
  next(error);
};

export interface OperatorApiDeps {
  operate: Operate;
  /** The tokens that open it (a reload may change them). */
  tokens: () => readonly AdminToken[];
}

/**
 * The operator API, mounted at /api/v1: every endpoint of OPERATOR_ENDPOINTS behind the bearer
 * token, queries and bodies validated by their zod schemas. Errors go on to the app's handler.
 */
export function createOperatorApi(deps: OperatorApiDeps): Router {
  const router = Router();
  router.use(requireToken(deps.tokens));
  router.use(express.json({ limit: "64kb" }), refuseUnreadableBody);
  for (const endpoint of OPERATOR_ENDPOINTS) {
    const path = endpoint.path.replace(/\{(\w+)\}/g, ":$1");
    router[endpoint.method](path, async (req: Request<Record<string, string>>, res) => {
      const query = endpoint.query ? parseInput(endpoint.query, req.query, "query") : {};
      const body = endpoint.body ? parseInput(endpoint.body, req.body ?? {}, "body") : {};
      const actor = String(res.locals.actor);
      const result = await endpoint.handle(deps.operate, {
        params: req.params,
        query,
        body,
        actor,
      });
      res.status(result.status).json(result.body);
    });
  }
  router.use((req) => {
    throw new HttpError(
      404,
      "not_found",
      `no endpoint ${req.method} /api/v1${req.path}; see docs/api.md`,
    );
  });
  return router;
}
