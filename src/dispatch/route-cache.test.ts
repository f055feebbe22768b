import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import { targetSchema } from "../targets/target-schema.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { createRouteCache } from "./route-cache.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });
const targets = { crm: targetSchema.parse({ type: "http", base_url: "https://crm.example" }) };
const cache = () => createRouteCache({ functions, targets }, createActions());
const route = (item: Record<string, unknown>) => ({ id: "r", source: "s", actions: [item] });

describe("createRouteCache", () => {
  it("compiles a snapshot once and hands back the same route for an equal one", () => {
    const routes = cache();
    const snapshot = route({ "http.request": { method: "GET", path: "/leads" }, target: "crm" });
    const first = routes.get(snapshot);
    expect(first.actions.map((a) => a.target)).toEqual(["crm"]);
    expect(routes.get(structuredClone(snapshot))).toBe(first);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a target that has left the config",
      { "http.request": { method: "GET", path: "/leads" }, target: "old-crm" },
      'actions[0].target: unknown target "old-crm"',
    ],
    [
      "a template that no longer compiles",
      { "http.request": { method: "GET", path: "/{{ body.( }}" }, target: "crm" },
      "actions[0].http.request.path: template does not compile",
    ],
  ])("says where a snapshot that no longer compiles is wrong: %s", (_name, item, where) => {
    expect(() => cache().get(route(item))).toThrow(`route snapshot does not compile: ${where}`);
  });
});
