import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createActionContext,
  type TestActionContext,
} from "../../../test/create-action-context.ts";
import { createFakeTarget, type FakeTarget } from "../../../test/fakes/fake-target.ts";
import { httpRequest } from "./http-request.ts";

/** http.request run on its own against a loopback target under base_url /api/v4. */
let target: FakeTarget;
let h: TestActionContext<"http">;

beforeEach(async () => {
  target = createFakeTarget({
    respond: (call) =>
      call.path.endsWith("/missing")
        ? { status: 404, body: { title: "Not Found" } }
        : { status: 201, body: { echo: call.body ?? null } },
  });
  const { url } = await target.start();
  h = createActionContext({ type: "http", base_url: `${url}/api/v4` }, { name: "crm" });
});

afterEach(async () => {
  await h.close();
  await target.close();
});

describe("http.request", () => {
  it("sends a form body with body_format: form", async () => {
    await h.run(httpRequest, {
      method: "PUT",
      path: "contacts",
      body: { name: "Анна Ли", tags: ["a", "b"], n: 5 },
      body_format: "form",
    });
    expect(target.calls[0]?.path).toBe("/api/v4/contacts");
    expect(target.calls[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(target.calls[0]?.body).toEqual({ name: "Анна Ли", tags: '["a","b"]', n: "5" });
  });

  it("treats a listed status (404) as an answer for later steps", async () => {
    const output = await h.run(httpRequest, { path: "/missing", accept_status: [404] });
    expect(output).toMatchObject({ status: 404, body: { title: "Not Found" } });
  });

  it.each([
    ["another host", "//evil.example.com/x"],
    ["a full URL", "https://evil.example.com/x"],
    ["a way out of base_url", "/../../admin"],
    ["a sibling of base_url", "../v4x/secret"],
    ["an encoded way out", "%2e%2e/%2E%2E/admin"],
  ])("refuses a path that is %s, sending nothing", async (_name, path) => {
    await expect(h.run(httpRequest, { method: "GET", path })).rejects.toMatchObject({
      code: "invalid_path",
      kind: "failed",
    });
    expect(target.count).toBe(0);
  });
});
