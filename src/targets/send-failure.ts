import { ActionError } from "./action-error.ts";
import { TargetNetworkError } from "./target-network-error.ts";

/** undici's codes for a request it refuses to send at all (before a byte is written). */
const REFUSED = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED"]);

/**
 * What a call that got no answer means. A request undici refuses to send (an argument it does
 * not accept, something it does not support) is a permanent `invalid_request`, not a network
 * error to retry; shutting down is `aborted`; a time limit is `timeout`; anything else is the
 * system or undici code (ECONNREFUSED, UND_ERR_SOCKET, ...).
 */
export function sendFailure(
  error: unknown,
  timeoutMs: number,
  outer: AbortSignal,
): ActionError | TargetNetworkError {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (e.code !== undefined && REFUSED.has(e.code)) {
    return new ActionError(
      "invalid_request",
      `the HTTP client refused to send this request: ${e.message ?? String(error)}`,
    );
  }
  if (outer.aborted)
    return new TargetNetworkError("aborted", "the call was cut short (shutting down)");
  if (
    e.name === "TimeoutError" ||
    e.name === "AbortError" ||
    e.code === "UND_ERR_HEADERS_TIMEOUT" ||
    e.code === "UND_ERR_BODY_TIMEOUT" ||
    e.code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return new TargetNetworkError("timeout", `no answer within ${timeoutMs} ms`);
  }
  const code = e.code ?? e.cause?.code ?? "network_error";
  return new TargetNetworkError(code, `${code}: ${e.message ?? String(error)}`);
}
