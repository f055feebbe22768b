import type { RequestHandler } from "express";
import { HttpError } from "../../core/http-error.ts";
import { checkToken } from "../operate/check-token.ts";
import type { AdminToken } from "../operate/resolve-admin-tokens.ts";

/**
 * Lets a request through only with `Authorization: Bearer <one of the tokens>` and keeps the
 * token's name as `res.locals.actor` (the audit log's who); anything else is 401 `unauthorized`.
 */
export function requireToken(tokens: () => readonly AdminToken[]): RequestHandler {
  return (req, res, next) => {
    const actor = checkToken(tokens(), req.headers.authorization);
    if (actor === null)
      throw new HttpError(
        401,
        "unauthorized",
        "send Authorization: Bearer <token> (admin.token in routes.yaml, BOTBRIDGE_ADMIN_TOKEN, or the generated admin-token file)",
        { "www-authenticate": 'Bearer realm="botbridge"' },
      );
    res.locals.actor = actor;
    next();
  };
}
