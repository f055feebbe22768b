import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fake-target.ts";

describe("createFakeTarget", () => {
  let target: FakeTarget;
  let url: string;

  beforeEach(async () => {
    target = createFakeTarget();
    ({ url } = await target.start());
  });
  afterEach(async () => {
    await target.close();
  });

  it("listens on 127.0.0.1, answers 200 {ok:true} and records the call", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/any/path?x=1&y=a+b&z=%2B7`, {
      method: "PUT",
      headers: { "X-Custom": "yes", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(target.count).toBe(1);
    expect(target.calls[0]).toMatchObject({
      method: "PUT",
      path: "/any/path",
      query: { x: "1", y: "a b", z: "+7" },
      headers: { "x-custom": "yes" },
      body: { a: 1 },
      bodyKind: "json",
      rawBody: '{"a":1}',
    });
  });

  it.each([
    ["urlencoded", "application/x-www-form-urlencoded", "a=1&b=x+y", { a: "1", b: "x y" }, "form"],
    ["text", "text/plain", "hello", "hello", "text"],
    ["broken JSON", "application/json", "{oops", "{oops", "text"],
    ["vnd.api+json", "application/vnd.api+json", '[{"content":"hi"}]', [{ content: "hi" }], "json"],
  ])("parses a %s body", async (_name, contentType, raw, body, bodyKind) => {
    await fetch(url, { method: "POST", headers: { "content-type": contentType }, body: raw });
    expect(target.calls[0]).toMatchObject({ body, bodyKind, rawBody: raw });
  });

  it("parses a multipart body into its fields", async () => {
    const form = new FormData();
    form.set("grant_type", "client_credentials");
    form.set("client_id", "1:abc");
    await fetch(url, { method: "POST", body: form });
    expect(target.calls[0]?.body).toEqual({ grant_type: "client_credentials", client_id: "1:abc" });
    expect(target.calls[0]?.bodyKind).toBe("form");
  });

  it("plays scripted failures in order, each for its method and path, `times` times", async () => {
    target.failNext({ method: "POST", path: "/a", status: 500, times: 2 });
    target.failNext({ path: /^\/b/, status: 429, headers: { "Retry-After": "3" }, body: "slow" });
    const send = async (method: string, path: string) => {
      const response = await fetch(`${url}${path}`, { method });
      return [response.status, response.headers.get("retry-after"), await response.text()];
    };
    expect(await send("GET", "/a")).toEqual([200, null, '{"ok":true}']);
    expect(await send("GET", "/b/1")).toEqual([429, "3", "slow"]);
    expect(await send("POST", "/a")).toEqual([500, null, '{"message":"Internal Server Error"}']);
    expect(await send("POST", "/a")).toEqual([500, null, '{"message":"Internal Server Error"}']);
    expect(await send("POST", "/a")).toEqual([200, null, '{"ok":true}']);
    expect(target.count).toBe(5);
  });

  it("hangs past a client's timeout, then answers normally again", async () => {
    target.failNext({ delayMs: 5_000, status: 200 });
    await expect(fetch(url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const response = await fetch(url);
    expect(response.status).toBe(200);
  });

  it("delays without a status, then answers normally", async () => {
    target.failNext({ delayMs: 50 });
    const started = Date.now();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("closes promptly while a request hangs", async () => {
    target.failNext({ delayMs: 60_000, status: 200 });
    const hanging = fetch(url).then(
      () => "answered",
      () => "failed",
    );
    await expect.poll(() => target.count).toBe(1);
    const started = Date.now();
    await target.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await hanging).toBe("failed");
  });

  it("computes answers with `respond`", async () => {
    const custom = createFakeTarget({
      respond: (call) => ({ status: 201, headers: { "x-path": call.path }, body: call.body }),
    });
    const started = await custom.start();
    try {
      const response = await fetch(`${started.url}/echo`, { method: "POST", body: '{"n":7}' });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-path")).toBe("/echo");
      expect(await response.json()).toEqual({ n: 7 });
    } finally {
      await custom.close();
    }
  });

  it("only counts with record: false, under concurrent load", async () => {
    const lean = createFakeTarget({ record: false });
    const started = await lean.start();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 500 }, async (_, i) => {
          const response = await fetch(`${started.url}/n/${i}`, { method: "POST", body: "{}" });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(lean.count).toBe(500);
      expect(lean.calls).toEqual([]);
    } finally {
      await lean.close();
    }
  });
});
