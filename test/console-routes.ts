/** The admin token the console tests log in with. */
export const CONSOLE_TOKEN = "console-test-token-0123456789";

/** The token the tilda and amocrm sources check in `?token=`. */
export const HOOK_TOKEN = "hook-token-for-tests";

/**
 * routes.yaml of the console tests: Tilda and amoCRM (their real fixtures) and a plain `forms`
 * source, every route calling the HTTP target `crm` at ${TARGET_URL}. `leadBody` is the Tilda
 * route's body (a replay test changes it).
 */
export function consoleRoutes(leadBody = '{ phone: "{{ body.Phone }}" }'): string {
  return `
version: 1
admin: { token: "${CONSOLE_TOKEN}" }
delivery: { poll_interval: 20ms }
targets:
  crm: { type: http, base_url: "\${TARGET_URL}" }
sources:
  tilda: { preset: tilda, verify: { token: "${HOOK_TOKEN}" } }
  amocrm: { preset: amocrm, verify: { token: "${HOOK_TOKEN}" } }
  forms: {}
routes:
  - id: tilda-lead
    source: tilda
    actions:
      - http.request: { method: POST, path: /lead, body: ${leadBody} }
  - id: amocrm-new-lead
    source: amocrm
    when: { exists: body.leads.add }
    actions:
      - http.request: { method: POST, path: /deal, body: { lead: "{{ body.leads.add }}" } }
  - id: amocrm-contact
    source: amocrm
    when: { exists: body.contacts.update }
    actions:
      - http.request: { method: POST, path: /contact, body: { id: "{{ body.contacts.update[0].id }}" } }
  - id: forward
    source: forms
    actions:
      - http.request: { method: POST, path: /forward, body: { n: "{{ body.n }}" } }
`;
}
