import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ActionError } from "../targets/action-error.ts";
import { CredentialsRefusedError } from "../targets/credentials-refused-error.ts";
import { TargetHttpError } from "../targets/target-http-error.ts";
import { TargetNetworkError } from "../targets/target-network-error.ts";
import { TemplateError } from "../templates/template-error.ts";
import { classifyFailure, type Failure } from "./classify-failure.ts";

const NOW = Date.parse("2025-01-01T00:00:00Z");
const MAX_RETRY_AFTER = 3_600_000;

const http = (status: number, headers: Record<string, string> = {}, body = "") =>
  new TargetHttpError(status, headers, body, "api");

const invalidParams = (): unknown => {
  const result = z.strictObject({ path: z.string() }).safeParse({ path: 1 });
  return result.error;
};

type Expected = Pick<Failure, "kind" | "code" | "throttled"> &
  Partial<Pick<Failure, "status" | "retryAfterMs" | "waitFor">>;

describe("classifyFailure", () => {
  it.each<[string, () => unknown, Expected]>([
    [
      "a refused connection",
      () => new TargetNetworkError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"),
      { kind: "retry", code: "network_error", throttled: false },
    ],
    [
      "a reset socket",
      () => new TargetNetworkError("UND_ERR_SOCKET", "other side closed"),
      { kind: "retry", code: "network_error", throttled: false },
    ],
    [
      "a timeout",
      () => new TargetNetworkError("timeout", "no answer within 300 ms"),
      { kind: "retry", code: "timeout", throttled: false },
    ],
    ["408", () => http(408), { kind: "retry", code: "http_408", status: 408, throttled: false }],
    ["425", () => http(425), { kind: "retry", code: "http_425", status: 425, throttled: false }],
    [
      "429 without Retry-After",
      () => http(429),
      { kind: "retry", code: "http_429", status: 429, throttled: true },
    ],
    [
      "429 with Retry-After seconds",
      () => http(429, { "retry-after": "30" }),
      { kind: "retry", code: "http_429", status: 429, throttled: true, retryAfterMs: 30_000 },
    ],
    [
      "429 with Retry-After as an HTTP date",
      () => http(429, { "retry-after": "Wed, 01 Jan 2025 00:02:00 GMT" }),
      { kind: "retry", code: "http_429", status: 429, throttled: true, retryAfterMs: 120_000 },
    ],
    [
      "429 with Retry-After as a date already past",
      () => http(429, { "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }),
      { kind: "retry", code: "http_429", status: 429, throttled: true, retryAfterMs: 0 },
    ],
    [
      "429 with a Retry-After of 400 digits, cut to delivery.max_retry_after",
      () => http(429, { "retry-after": "9".repeat(400) }),
      {
        kind: "retry",
        code: "http_429",
        status: 429,
        throttled: true,
        retryAfterMs: MAX_RETRY_AFTER,
      },
    ],
    [
      "503 with a Retry-After date in year 9999, cut to delivery.max_retry_after",
      () => http(503, { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" }),
      {
        kind: "retry",
        code: "http_503",
        status: 503,
        throttled: false,
        retryAfterMs: MAX_RETRY_AFTER,
      },
    ],
    [
      "429 with an unreadable Retry-After",
      () => http(429, { "retry-after": "soon" }),
      { kind: "retry", code: "http_429", status: 429, throttled: true },
    ],
    ["500", () => http(500), { kind: "retry", code: "http_500", status: 500, throttled: false }],
    ["502", () => http(502), { kind: "retry", code: "http_502", status: 502, throttled: false }],
    [
      "503 with Retry-After seconds",
      () => http(503, { "retry-after": "5" }),
      { kind: "retry", code: "http_503", status: 503, throttled: false, retryAfterMs: 5000 },
    ],
    [
      "500 ignores Retry-After",
      () => http(500, { "retry-after": "5" }),
      { kind: "retry", code: "http_500", status: 500, throttled: false },
    ],
    ["400", () => http(400), { kind: "failed", code: "http_400", status: 400, throttled: false }],
    ["401", () => http(401), { kind: "failed", code: "http_401", status: 401, throttled: false }],
    ["404", () => http(404), { kind: "failed", code: "http_404", status: 404, throttled: false }],
    [
      "refused credentials (as the target kind declares them)",
      () => new CredentialsRefusedError("credentials_refused", "bot refused the credentials", 403),
      { kind: "credentials", code: "credentials_refused", status: 403, throttled: false },
    ],
    ["422", () => http(422), { kind: "failed", code: "http_422", status: 422, throttled: false }],
    ["invalid params", invalidParams, { kind: "failed", code: "invalid_params", throttled: false }],
    [
      "a JSONata error in a template",
      () => new TemplateError("template_error", "{{ $x() }}: attempted to invoke a non-function"),
      { kind: "failed", code: "template_error", throttled: false },
    ],
    [
      "a helper's own template error code",
      () => new TemplateError("invalid_phone", '$phone: "call me" is not a phone number'),
      { kind: "failed", code: "invalid_phone", throttled: false },
    ],
    [
      "an action's own retry",
      () => new ActionError("not_ready", "not yet", { kind: "retry" }),
      { kind: "retry", code: "not_ready", throttled: false },
    ],
    [
      "an action's wait with its deadline",
      () => new ActionError("no_subscriber", "not there yet", { kind: "wait", waitFor: 60_000 }),
      { kind: "wait", code: "no_subscriber", throttled: false, waitFor: 60_000 },
    ],
    [
      "an action's failure by default",
      () => new ActionError("bad_answer", "unexpected answer"),
      { kind: "failed", code: "bad_answer", throttled: false },
    ],
    [
      "anything else",
      () => new Error("boom"),
      { kind: "failed", code: "internal_error", throttled: false },
    ],
  ])("%s", (_name, makeError, expected) => {
    const failure = classifyFailure(makeError(), NOW, MAX_RETRY_AFTER);
    const { kind, code, throttled, status, retryAfterMs, waitFor } = failure;
    expect({ kind, code, throttled, status, retryAfterMs, waitFor }).toEqual({
      status: undefined,
      retryAfterMs: undefined,
      waitFor: undefined,
      ...expected,
    });
    expect(failure.message).not.toBe("");
  });

  it("keeps the target's answer for the attempt", () => {
    const failure = classifyFailure(http(422, {}, '{"error":"bad email"}'), NOW, MAX_RETRY_AFTER);
    expect(failure.body).toBe('{"error":"bad email"}');
    expect(failure.message).toBe('api answered HTTP 422: {"error":"bad email"}');
  });
});
