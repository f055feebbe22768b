import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "../../test/fakes/fake-target.ts";
import { createRateLimits } from "./rate-limits.ts";
import type { Exchange } from "../core/exchange.ts";
import { ActionError } from "./action-error.ts";
import { createMasker } from "./mask-secrets.ts";
import { createTargetHttp, type TargetHttp, type TargetRequest } from "./target-http.ts";

/**
 * The target HTTP client against a real server on loopback: requests it cannot send fail
 * before any byte leaves, with a permanent code, and never wedge its connection pool (undici
 * leaks a pool connection for each request it refuses, and the pool holds 64).
 */
let fake: FakeTarget;
let http: TargetHttp;

beforeEach(async () => {
  fake = createFakeTarget();
  const { url } = await fake.start();
  http = createTargetHttp({
    name: "api",
    baseUrl: `${url}/v1`,
    timeoutMs: 3000,
    dryRun: false,
    masker: createMasker(new Set()),
    rateLimits: createRateLimits(),
    maxResponseSize: 1024 * 1024,
  });
});

afterEach(async () => {
  await http.close();
  await fake.close();
});

async function send(request: TargetRequest): Promise<{ error?: unknown; exchanges: Exchange[] }> {
  const exchanges: Exchange[] = [];
  try {
    await http.send(request, { exchanges, signal: AbortSignal.timeout(3000) });
    return { exchanges };
  } catch (error) {
    return { error, exchanges };
  }
}

describe("createTargetHttp, requests it cannot send", () => {
  it.each<[string, TargetRequest, string]>([
    [
      "a header value with CR, LF or NUL",
      { method: "GET", path: "/x", headers: { "x-name": "Anna\nPetrova" } },
      "invalid_params",
    ],
    [
      "a header undici manages itself",
      { method: "GET", path: "/x", headers: { "keep-alive": "timeout=5" } },
      "invalid_params",
    ],
    ["a method undici refuses", { method: "GET /admin", path: "/x" }, "invalid_request"],
  ])("%s: 100 fail at once, then a normal call goes through", async (_name, bad, code) => {
    const failures = await Promise.all(Array.from({ length: 100 }, () => send(bad)));
    for (const { error, exchanges } of failures) {
      expect(error).toBeInstanceOf(ActionError);
      expect((error as ActionError).code).toBe(code);
      expect(exchanges[0]?.error).toBe((error as ActionError).message);
    }
    expect(fake.count).toBe(0);

    const started = performance.now();
    const ok = await send({ method: "GET", path: "/after" });
    expect(ok.error).toBeUndefined();
    expect(ok.exchanges[0]?.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.calls.map((c) => c.path)).toEqual(["/v1/after"]);
  });
});
