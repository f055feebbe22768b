import { describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { parseConfig } from "../src/config/load-config.ts";
import type { InboundEvent } from "../src/core/inbound-event.ts";
import { createMasker } from "../src/targets/mask-secrets.ts";
import { createRateLimits } from "../src/targets/rate-limits.ts";
import { createTargetRuntimes } from "../src/targets/target-runtimes.ts";
import { previewActions, type PreviewedAction } from "../src/dispatch/preview-actions.ts";

const actions = createActions();
/** Targets not in dry run: a preview sends nothing all the same. */
const TARGETS = `version: 1
targets:
  metabot: { type: metabot, bot_id: 7, token: t0ken-value }
  crm: { type: http, base_url: "https://crm.example.com" }
sources:
  forms:
routes:
  - id: r
    source: forms
    actions:
`;
const event: InboundEvent = {
  id: "evt-1",
  source: "forms",
  received_at: "2025-01-01T00:00:00.000Z",
  method: "POST",
  path: "/hooks/forms",
  query: {},
  headers: {},
  content_type: "application/json",
  body: { phone: "8 999 123-45-67", kind: "lead" },
};

/** Each previewed action as [status, params or what went wrong, output]. */
async function preview(items: string, answers: Record<string, unknown> = {}) {
  const loaded = parseConfig(TARGETS + items, "routes.yaml", { actions, env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { config } = loaded;
  const targets = createTargetRuntimes(config.targets, {
    masker: createMasker(config.secrets),
    rateLimits: createRateLimits(),
    defaultTimeoutMs: 1000,
    maxResponseSize: 1024,
    dryRun: true,
  });
  const route = config.routes[0];
  if (!route) throw new Error("no route");
  const previewed = await previewActions(route, event, {
    actions: new Map(actions.map((a) => [a.type, a])),
    targets,
    templates: config.settings.templates,
    answers: new Map(Object.entries(answers)),
    now: () => 0,
  });
  await targets.close();
  return previewed.map((a: PreviewedAction) => [
    a.status,
    a.error ?? a.problems ?? a.why?.at ?? a.params,
    a.output,
  ]);
}

const CALL = `      - id: lead
        metabot.call_endpoint: { alias: find-lead, script_request_params: { phone: "{{ $phone(body.phone) }}" } }
`;
const SCHEDULE = `      - metabot.schedule_job: { script_code: s, lead_id: "{{ steps.lead.lead_id }}" }
`;

describe("previewActions runs a route's chain in dry run, sending nothing", () => {
  it.each<[string, string, Record<string, unknown>, unknown[]]>([
    [
      "the second action gets the first's built-in answer",
      CALL + SCHEDULE,
      {},
      [
        [
          "ran",
          { alias: "find-lead", script_request_params: { phone: "+79991234567" } },
          { success: true, lead_id: 135 },
        ],
        ["ran", { script_code: "s", lead_id: 135 }, { success: true }],
      ],
    ],
    [
      "a declared answer, rendered over the request",
      CALL.replace(
        "} }\n",
        '} }\n        dry_run_answer: { lead_id: 9, for: "{{ request.body.script_request_params.phone }}" }\n',
      ) + SCHEDULE,
      {},
      [
        ["ran", expect.anything(), { lead_id: 9, for: "+79991234567" }],
        ["ran", { script_code: "s", lead_id: 9 }, { success: true }],
      ],
    ],
    [
      "a one-off answer by step id",
      CALL + SCHEDULE,
      { lead: { lead_id: 77 } },
      [
        ["ran", expect.anything(), { lead_id: 77 }],
        ["ran", { script_code: "s", lead_id: 77 }, { success: true }],
      ],
    ],
    [
      "an answer that does not fit the next action: its problems, and the rest pending",
      CALL + SCHEDULE + SCHEDULE,
      { lead: { lead_id: "not a number" } },
      [
        ["ran", expect.anything(), { lead_id: "not a number" }],
        ["error", [expect.stringContaining("metabot.schedule_job.lead_id")], undefined],
        [
          "pending",
          { script_code: "s", lead_id: "<pending: {{ steps.lead.lead_id }}>" },
          undefined,
        ],
      ],
    ],
    [
      "an http.request with no answer: what needs its output is pending, the rest runs",
      `      - id: contact
        http.request: { path: /contacts/1 }
      - http.request: { path: "/calls/{{ steps.contact.body.id }}" }
      - when: { exists: steps.contact.body.phone }
        http.request: { path: /x }
      - http.request: { path: "/kinds/{{ body.kind }}" }
`,
      {},
      [
        ["ran", { path: "/contacts/1" }, { status: 200, headers: {}, body: null }],
        ["pending", { path: "<pending: /calls/{{ steps.contact.body.id }}>" }, undefined],
        ["pending", { path: "/x" }, undefined],
        ["ran", { path: "/kinds/lead" }, { status: 200, headers: {}, body: null }],
      ],
    ],
    [
      "a when over an earlier output, and a template that fails",
      `      - id: contact
        http.request: { path: /contacts/1 }
        dry_run_answer: { phone: "" }
      - when: { exists: steps.contact.body.id }
        http.request: { path: /x }
      - http.request: { path: "/p/{{ $phone('12') }}" }
`,
      {},
      [
        ["ran", { path: "/contacts/1" }, expect.objectContaining({ body: { phone: "" } })],
        ["skipped", "exists.steps.contact.body.id", undefined],
        ["error", expect.stringContaining('"12" is not a phone number'), undefined],
      ],
    ],
  ])("%s", async (_name, items, answers, expected) => {
    expect(await preview(items, answers)).toEqual(expected);
  });
});
