import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { formatWarning } from "../core/problem.ts";
import { checkSamples } from "./check-samples.ts";
import { parseConfig } from "./load-config.ts";

/** amoCRM's short status webhook, as its preset-less source parses it. */
const status = {
  leads: { status: [{ id: "10754147", status_id: "54423922", pipeline_id: "6344290" }] },
  account: { id: "30307558", subdomain: "anyor" },
};
const added = { leads: { add: [{ id: "32966269", name: "Заявка" }] }, account: { id: "1" } };

const head = `version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com" }
sources:
  amocrm:
routes:
`;

function event(body: unknown): InboundEvent {
  return {
    id: "e1",
    source: "amocrm",
    received_at: "2025-01-01T00:00:00.000Z",
    method: "POST",
    path: "/hooks/amocrm",
    query: {},
    headers: {},
    content_type: "application/x-www-form-urlencoded",
    body,
  };
}

async function warnings(routes: string, bodies: Record<string, unknown>): Promise<string[]> {
  const loaded = parseConfig(head + routes, "routes.yaml", { actions: createActions(), env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const samples = Object.entries(bodies).map(([name, body]) => ({
    source: "amocrm",
    name,
    events: [event(body)],
  }));
  const found = await checkSamples(loaded.config, samples);
  return found.map((p) => formatWarning(loaded.place(p)));
}

describe("checkSamples", () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    [
      "a misspelled name in a condition's path, with the path that exists",
      `  - id: r
    source: amocrm
    when: { exists: body.lead.status }
    actions: [{ http.request: { path: /x } }]
`,
      { "status.form": status },
      [
        "routes.yaml:9:21: routes[0].when.exists: warning: body.lead.status matches nothing in the sample status.form; body.leads.status exists",
      ],
    ],
    [
      "in a comparison's key and a template, as written, at their columns",
      `  - id: r
    source: amocrm
    when: { equals: { "body.leads.status[0].statusid": 54423922 } }
    order_by: "lead-{{ body.leads.status[0].id }}-{{ body.acount.id }}"
    actions: [{ http.request: { path: /x } }]
`,
      { "status.form": status },
      [
        "routes.yaml:9:24: routes[0].when.equals.body.leads.status[0].statusid: warning: body.leads.status[0].statusid matches nothing in the sample status.form; body.leads.status[0].status_id exists",
        "routes.yaml:10:54: routes[0].order_by: warning: body.acount.id matches nothing in the sample status.form; body.account.id exists",
      ],
    ],
    [
      "no close name: the names there are",
      `  - id: r
    source: amocrm
    actions: [{ http.request: { path: "/{{ body.account.sub }}" } }]
`,
      { "status.form": status },
      [
        "routes.yaml:9:44: routes[0].actions[0].http.request.path: warning: body.account.sub matches nothing in the sample status.form; body.account has id, subdomain",
      ],
    ],
    [
      "a condition that matches none of the samples, its paths all found",
      `  - id: r
    source: amocrm
    when: { equals: { "body.leads.status[0].status_id": 1 } }
    actions: [{ http.request: { path: /x } }]
`,
      { "status.form": status },
      [
        'routes.yaml:9:11: routes[0].when: warning: matches none of the samples (equals.body.leads.status[0].status_id: expected 1, saw "54423922" in status.form)',
      ],
    ],
    [
      "an action's paths are looked for in the samples its route matches only",
      `  - id: r
    source: amocrm
    when: { exists: body.leads.add }
    actions: [{ http.request: { path: "/{{ body.leads.add[0].name }}/{{ body.leads.add[0].nam }}" } }]
`,
      { "status.form": status, "added.form": added },
      [
        "routes.yaml:10:73: routes[0].actions[0].http.request.path: warning: body.leads.add[0].nam matches nothing in the sample added.form; body.leads.add[0].name exists",
      ],
    ],
    [
      "a path found in one of the samples, steps, query, predicates and functions of the found",
      `  - id: r
    source: amocrm
    when: "{{ $exists(body.leads.add) or $exists(body.leads.status) }}"
    actions:
      - id: one
        http.request:
          path: "/{{ $number(body.leads.status[0].id) }}"
          query: { q: "{{ query.token }}", s: "{{ steps.one.body.x }}", t: "{{ body.leads.status[id = 'x'].id }}" }
`,
      { "status.form": status, "added.form": added },
      [],
    ],
  ])("%s", async (_name, routes, bodies, expected) => {
    expect(await warnings(routes, bodies)).toEqual(expected);
  });
});
