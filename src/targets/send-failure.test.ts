import { describe, expect, it } from "vitest";
import { errors } from "undici";
import { ActionError } from "./action-error.ts";
import { sendFailure } from "./send-failure.ts";

describe("sendFailure", () => {
  it.each<[string, Error]>([
    ["an argument undici refuses", new errors.InvalidArgumentError("invalid request method")],
    [
      "something undici does not support",
      new errors.NotSupportedError("expect header not supported"),
    ],
  ])("makes %s a permanent invalid_request, not a network error", (_name, error) => {
    const failure = sendFailure(error, 1000, new AbortController().signal);
    expect(failure).toBeInstanceOf(ActionError);
    expect(failure).toMatchObject({ code: "invalid_request", kind: "failed" });
    expect(failure.message).toContain(error.message);
  });
});
