import type { Request, RequestHandler } from "express";
import { UNKNOWN_SOURCE, type RequestOutcome, type Telemetry } from "../../core/telemetry.ts";

/** What the /hooks route and the error answer leave in `res.locals` for the count. */
export interface HookLocals {
  /** Set by the /hooks route once receiveHook answered. */
  hook_outcome?: Exclude<RequestOutcome, "rejected">;
  /** Set by sendError: the code of the error answered. */
  error_code?: string;
}

/**
 * Counts every request to /hooks/<source> once it is answered (or the client goes away),
 * however it ends: refused before its body is read, refused by ingest, or accepted. A source
 * name the config does not know is counted as `unknown`, never under the name in the URL.
 */
export function observeHookRequest(
  telemetry: Telemetry,
  isSource: (name: string) => boolean,
): RequestHandler {
  return (req: Request<{ source?: string }>, res, next) => {
    const started = performance.now();
    const name = req.params.source ?? "";
    const source = isSource(name) ? name : UNKNOWN_SOURCE;
    let counted = false;
    const count = () => {
      if (counted) return;
      counted = true;
      const locals = res.locals as HookLocals;
      const seconds = (performance.now() - started) / 1000;
      if (locals.hook_outcome)
        telemetry.requestAnswered({ source, outcome: locals.hook_outcome, seconds });
      else
        telemetry.requestAnswered({
          source,
          outcome: "rejected",
          reason: locals.error_code ?? "request_aborted",
          seconds,
        });
    };
    res.once("finish", count);
    res.once("close", count);
    next();
  };
}
