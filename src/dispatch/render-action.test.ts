import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import type { Action } from "../actions/define-action.ts";
import { compileValue } from "../templates/compile-value.ts";
import type { TemplateContext } from "../templates/template-context.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { renderAction } from "./render-action.ts";

const functions = createTemplateFunctions({ default_country: "RU", timezone: "UTC" });
const httpRequest = createActions().find((a) => a.type === "http.request") as Action;
const context: TemplateContext = {
  body: { id: 7, method: "FETCH", phone: "call me maybe", name: "Ann" },
  query: {},
  headers: {},
  source: "forms",
  event: { id: "e1", received_at: "2025-01-01T00:00:00Z" },
  steps: { lookup: { body: { lead_id: 42 } } },
};
const action = (params: Record<string, unknown>) => ({
  type: "http.request",
  params: compileValue(params, functions),
});
const pending = () => "<pending>";

describe("renderAction", () => {
  it.each<[string, Record<string, unknown>, Action | undefined, boolean, unknown]>([
    [
      "valid params, with the schema's defaults filled in",
      { method: "POST", path: "/leads/{{ body.id }}", body: { name: "{{ body.name }}" } },
      httpRequest,
      false,
      {
        status: "valid",
        rendered: { method: "POST", path: "/leads/7", body: { name: "Ann" } },
        params: {
          method: "POST",
          path: "/leads/7",
          body: { name: "Ann" },
          body_format: "json",
          accept_status: [],
        },
      },
    ],
    [
      "params that do not fit the action, each problem at its path",
      { method: "{{ body.method }}", path: "/x", extra: 1 },
      httpRequest,
      false,
      {
        status: "invalid",
        rendered: { method: "FETCH", path: "/x", extra: 1 },
        problems: [
          'http.request.method: expected "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD"',
          'http.request.extra: unknown key "extra"; allowed here: method, path, query, headers, body, body_format, accept_status',
        ],
      },
    ],
    [
      "earlier outputs, when running: rendered and judged",
      { path: "/leads/{{ steps.lookup.body.lead_id }}" },
      httpRequest,
      false,
      {
        status: "valid",
        rendered: { path: "/leads/42" },
        params: { method: "GET", path: "/leads/42", body_format: "json", accept_status: [] },
      },
    ],
    [
      "earlier outputs, when explaining: pending, not judged",
      { method: "{{ body.method }}", path: "/leads/{{ steps.lookup.body.lead_id }}" },
      httpRequest,
      true,
      { status: "unchecked", rendered: { method: "FETCH", path: "<pending>" } },
    ],
    [
      "an action type this version does not know: not judged",
      { anything: "{{ body.id }}" },
      undefined,
      true,
      { status: "unchecked", rendered: { anything: 7 } },
    ],
  ])("%s", async (_name, params, definition, explaining, expected) => {
    const rendered = explaining
      ? await renderAction(action(params), definition, context, pending)
      : await renderAction(action(params), definition as Action, context);
    expect(rendered).toEqual(expected);
  });

  it("throws a template's own error, code and all", async () => {
    const rendering = renderAction(
      action({ path: "/x/{{ $phone(body.phone) }}" }),
      httpRequest,
      context,
    );
    await expect(rendering).rejects.toMatchObject({
      name: "TemplateError",
      code: "invalid_phone",
      message: expect.stringContaining('"call me maybe" is not a phone number') as string,
    });
  });
});
