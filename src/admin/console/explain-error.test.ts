import { describe, expect, it } from "vitest";
import { explainError } from "./explain-error.ts";
import { textEn } from "./text-en.ts";
import { textRu } from "./text-ru.ts";

describe("explainError", () => {
  const cases: [string, string, string][] = [
    ["http_401: 401 Unauthorized", "http_401", textEn.errors.http_401],
    ["http_429: slow down", "http_429", textEn.errors.http_429],
    ["http_502: bad gateway", "http_502", textEn.errors.http_5xx],
    ["timeout: no answer in 10 s", "timeout", textEn.errors.timeout],
    [
      "network_error: connect ECONNREFUSED 127.0.0.1:1",
      "network_error",
      textEn.errors.network_error,
    ],
    ["invalid_params: phone: Invalid", "invalid_params", textEn.errors.invalid_params],
    [
      "max_age_exceeded: still failing after 24 h; last error http_401: no",
      "max_age_exceeded",
      textEn.errors.http_401,
    ],
    ["max_age_exceeded: still failing", "max_age_exceeded", textEn.errors.max_age_exceeded],
    ["http_418: teapot", "http_418", textEn.errors.other],
    ["Something odd", "other", textEn.errors.other],
  ];
  it.each(cases)("%s", (error, code, hint) => {
    expect(explainError(textEn, error)).toEqual({ code, hint });
  });

  it("says it in Russian too, and nothing for no error", () => {
    expect(explainError(textRu, "http_401: x")?.hint).toBe(textRu.errors.http_401);
    expect(explainError(textRu, null)).toBeNull();
  });
});
