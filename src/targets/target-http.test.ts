import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "../../test/fakes/fake-target.ts";
import type { ScriptedFailure } from "../../test/fakes/failure-queue.ts";
import type { Exchange } from "../core/exchange.ts";
import { createMasker } from "./mask-secrets.ts";
import { createRateLimits } from "./rate-limits.ts";
import { createTargetHttp, type TargetRequest } from "./target-http.ts";

/** A value the config took from the environment: never recorded, always sent. */
const SECRET = "s3cret-from-env";

interface Case {
  name: string;
  request: TargetRequest;
  /** What the fake answers instead of 200 {"ok":true,"access_token":...}. */
  script?: ScriptedFailure;
  options?: {
    timeoutMs?: number;
    dryRun?: boolean;
    /** The scope's dry-run answer. */
    answer?: unknown;
    closedPort?: boolean;
    aborted?: boolean;
  };
  /** The response, or the error thrown. */
  outcome: Record<string, unknown>;
  /** The exchange recorded for the attempt. */
  exchange: Record<string, unknown>;
  /** Requests the fake received. */
  sent: number;
}

const cases: Case[] = [
  {
    name: "a 2xx: parsed JSON answer, exchange with status, kept headers and a masked body",
    request: { method: "get", path: "/leads/7", query: { with: ["contacts", "tags"], none: null } },
    outcome: { status: 200, body: { ok: true, access_token: "tok-123" }, dryRun: false },
    exchange: {
      method: "get",
      url: "/api/leads/7?with=contacts&with=tags",
      status: 200,
      response_headers: { "content-type": "application/json" },
      response_body: '{"ok":true,"access_token":"***"}',
      duration_ms: expect.any(Number),
    },
    sent: 1,
  },
  {
    name: "a 4xx: TargetHttpError with the status and the masked body",
    request: { method: "POST", path: "/leads", json: { a: 1 } },
    script: { status: 422, body: { error: "bad", token: "t" } },
    outcome: { name: "TargetHttpError", status: 422, body: '{"error":"bad","token":"***"}' },
    exchange: { status: 422, response_body: '{"error":"bad","token":"***"}' },
    sent: 1,
  },
  {
    name: "a 5xx: TargetHttpError, Retry-After kept for the retry schedule",
    request: { method: "GET", path: "/leads" },
    script: { status: 503, headers: { "Retry-After": "30" } },
    outcome: {
      name: "TargetHttpError",
      status: 503,
      headers: expect.objectContaining({ "retry-after": "30" }),
    },
    exchange: { status: 503, response_headers: expect.objectContaining({ "retry-after": "30" }) },
    sent: 1,
  },
  {
    name: "a status the call accepts is answered, not thrown",
    request: { method: "GET", path: "/leads", accept: (s) => s === 404 },
    script: { status: 404 },
    outcome: { status: 404, body: { message: "Not Found" }, dryRun: false },
    exchange: { status: 404 },
    sent: 1,
  },
  {
    name: "no answer in time: TargetNetworkError timeout",
    request: { method: "GET", path: "/slow" },
    script: { delayMs: 2000 },
    options: { timeoutMs: 150 },
    outcome: { name: "TargetNetworkError", code: "timeout", message: "no answer within 150 ms" },
    exchange: { error: "no answer within 150 ms", duration_ms: expect.any(Number) },
    sent: 1,
  },
  {
    name: "nobody listening: TargetNetworkError with the system code",
    request: { method: "GET", path: "/leads" },
    options: { closedPort: true },
    outcome: { name: "TargetNetworkError", code: "ECONNREFUSED" },
    exchange: { error: expect.stringMatching(/^ECONNREFUSED/) },
    sent: 0,
  },
  {
    name: "the attempt given up (shutting down): TargetNetworkError aborted",
    request: { method: "GET", path: "/leads" },
    options: { aborted: true },
    outcome: { name: "TargetNetworkError", code: "aborted" },
    exchange: { error: "the call was cut short (shutting down)" },
    sent: 0,
  },
  {
    name: "secrets masked in the record: credential headers, secret keys, env values",
    request: {
      method: "POST",
      path: "/leads",
      query: { key: SECRET },
      headers: { "X-Api-Key": "k-1", Authorization: `Bearer ${SECRET}`, "X-Note": `n ${SECRET}` },
      json: { password: "p4ss", note: `from ${SECRET}`, keep: 1 },
    },
    outcome: { status: 200 },
    exchange: {
      url: "/api/leads?key=***",
      request_headers: {
        "user-agent": "botbridge",
        "x-api-key": "***",
        authorization: "***",
        "x-note": "n ***",
        "content-type": "application/json",
      },
      request_body: { password: "***", note: "from ***", keep: 1 },
    },
    sent: 1,
  },
  {
    name: "a form body, urlencoded, masked in the record",
    request: { method: "POST", path: "/token", form: { grant_type: "x", client_secret: SECRET } },
    outcome: { status: 200 },
    exchange: {
      request_headers: expect.objectContaining({
        "content-type": "application/x-www-form-urlencoded",
      }),
      request_body: { grant_type: "x", client_secret: "***" },
    },
    sent: 1,
  },
  {
    name: "dry run: recorded as it would be sent, nothing sent",
    request: { method: "POST", path: "/leads", json: { a: 1 } },
    options: { dryRun: true },
    outcome: { status: 200, body: null, dryRun: true },
    exchange: { method: "POST", url: "/api/leads", request_body: { a: 1 } },
    sent: 0,
  },
  {
    name: "dry run with an answer: answered and recorded as the response (secrets masked), nothing sent",
    request: { method: "POST", path: "/leads", json: { a: 1 } },
    options: { dryRun: true, answer: { lead_id: 7, token: SECRET } },
    outcome: {
      status: 200,
      headers: { "content-type": "application/json" },
      body: { lead_id: 7, token: SECRET },
      dryRun: true,
    },
    exchange: { status: 200, response_body: '{"lead_id":7,"token":"***"}' },
    sent: 0,
  },
];

let fake: FakeTarget;
let url: string;
let closedUrl: string;

beforeAll(async () => {
  fake = createFakeTarget({
    respond: () => ({ status: 200, body: { ok: true, access_token: "tok-123" } }),
  });
  ({ url } = await fake.start());
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.clearCalls();
});

describe("createTargetHttp against a loopback server", () => {
  it.each(cases)("$name", async ({ request, script, options = {}, outcome, exchange, sent }) => {
    if (script) fake.failNext(script);
    const base = options.closedPort ? closedUrl : url;
    const http = createTargetHttp({
      name: "crm",
      maxResponseSize: 1024 * 1024,
      baseUrl: `${base}/api`,
      timeoutMs: options.timeoutMs ?? 5000,
      headers: { "user-agent": "botbridge" },
      dryRun: options.dryRun ?? false,
      masker: createMasker(new Set([SECRET])),
      rateLimits: createRateLimits(),
    });
    const exchanges: Exchange[] = [];
    const signal = options.aborted ? AbortSignal.abort() : new AbortController().signal;
    try {
      const result = await http
        .send(request, {
          exchanges,
          signal,
          ...(options.answer ? { answer: () => Promise.resolve(options.answer) } : {}),
        })
        .catch((error: unknown) => error);
      expect(result).toMatchObject(outcome);
      expect(exchanges).toHaveLength(1);
      const [recorded] = exchanges;
      expect({ ...recorded, url: recorded?.url.replace(base, "") }).toMatchObject(exchange);
      expect(JSON.stringify(recorded)).not.toContain(SECRET);
      expect(fake.count).toBe(sent);
    } finally {
      await http.close();
    }
  });

  it("sends the secrets the record masks", async () => {
    const http = createTargetHttp({
      name: "crm",
      maxResponseSize: 1024 * 1024,
      baseUrl: `${url}/api`,
      timeoutMs: 5000,
      headers: { authorization: `Bearer ${SECRET}` },
      dryRun: false,
      masker: createMasker(new Set([SECRET])),
      rateLimits: createRateLimits(),
    });
    try {
      await http.send(
        { method: "POST", path: "/leads", json: { password: SECRET } },
        { exchanges: [], signal: new AbortController().signal },
      );
    } finally {
      await http.close();
    }
    expect(fake.calls[0]).toMatchObject({
      path: "/api/leads",
      headers: { authorization: `Bearer ${SECRET}` },
      body: { password: SECRET },
    });
  });
});
