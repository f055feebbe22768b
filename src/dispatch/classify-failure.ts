import { ZodError } from "zod";
import { ActionError } from "../targets/action-error.ts";
import { CredentialsRefusedError } from "../targets/credentials-refused-error.ts";
import { TargetHttpError } from "../targets/target-http-error.ts";
import { TargetNetworkError } from "../targets/target-network-error.ts";
import { TemplateError } from "../templates/template-error.ts";
import { parseRetryAfter } from "../targets/parse-retry-after.ts";

export interface Failure {
  /**
   * retry: on the schedule; failed: the delivery ends; wait: look again later, no attempt used;
   * credentials: the target refused botbridge's credentials: it is held, the delivery waits.
   */
  kind: "retry" | "failed" | "wait" | "credentials";
  code: string;
  message: string;
  status?: number;
  body?: string;
  /** Retry-After, when the target gave one. */
  retryAfterMs?: number;
  /** The target said it is throttling (429): pause it for every delivery. */
  throttled: boolean;
  /** For `wait`: how long to keep looking, from the first wait. */
  waitFor?: number;
}

/**
 * The one place that decides what a failure means. Network errors, timeouts, 408, 425 and 5xx are
 * retried; 429 is retried after Retry-After and pauses the target; refused credentials hold the
 * target (CredentialsRefusedError, which the target kind declares); other 4xx, invalid params and
 * template errors fail at once; an action may say otherwise with ActionError. A Retry-After is cut
 * to `maxRetryAfter` ms (delivery.max_retry_after).
 */
export function classifyFailure(error: unknown, now: number, maxRetryAfter: number): Failure {
  if (error instanceof CredentialsRefusedError)
    return {
      kind: "credentials",
      code: error.code,
      message: error.message,
      status: error.status,
      ...(error.body ? { body: error.body } : {}),
      throttled: false,
    };
  if (error instanceof TargetHttpError) {
    const { status } = error;
    const base = {
      code: `http_${status}`,
      message: error.message,
      status,
      body: error.body,
      throttled: false,
    };
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(error.headers["retry-after"], now, maxRetryAfter);
      return {
        ...base,
        kind: "retry",
        throttled: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (status === 408 || status === 425 || status >= 500) {
      const retryAfterMs =
        status === 503
          ? parseRetryAfter(error.headers["retry-after"], now, maxRetryAfter)
          : undefined;
      return { ...base, kind: "retry", ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    return { ...base, kind: "failed" };
  }
  if (error instanceof TargetNetworkError)
    return {
      kind: "retry",
      code: error.code === "timeout" ? "timeout" : "network_error",
      message: error.message,
      throttled: false,
    };
  if (error instanceof ActionError) {
    return {
      kind: error.kind,
      code: error.code,
      message: error.message,
      throttled: false,
      ...(error.waitFor !== undefined ? { waitFor: error.waitFor } : {}),
    };
  }
  if (error instanceof TemplateError)
    return {
      kind: "failed",
      code: error.code === "template_error" ? "template_error" : error.code,
      message: error.message,
      throttled: false,
    };
  if (error instanceof ZodError)
    return { kind: "failed", code: "invalid_params", message: error.message, throttled: false };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "failed", code: "internal_error", message, throttled: false };
}
