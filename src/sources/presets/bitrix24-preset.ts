import type { SourcePreset } from "./source-preset.ts";

export const bitrix24Preset: SourcePreset = {
  name: "bitrix24",
  title: "Bitrix24",
  setup:
    "Developer resources → Other → Outgoing webhook: paste the URL, pick the events, and copy the application token it shows.",
  url: "https://<host>/hooks/<source>",
  secret:
    "The application token Bitrix24 shows for the outgoing webhook: verify.token (compared with auth[application_token], which is then dropped from the stored event).",
  settings: {
    verify: { token: { in: "body", name: "auth[application_token]" } },
    dedupe: '{{ body.event & ":" & body.data.FIELDS.ID & ":" & body.ts }}',
    ping: { equals: { "body.event": "ONAPPTEST" } },
  },
  required: ["token"],
  fields: {
    "body.event": "the event, e.g. ONCRMLEADADD",
    "body.data.FIELDS.ID": "the entity id (only the id: call crm.lead.get for the rest)",
    "body.auth.domain": "the portal, e.g. example.bitrix24.ru",
    "body.ts": "when the event happened, Unix seconds",
  },
  example: `bitrix24:
  preset: bitrix24
  verify: { token: "\${BITRIX24_APP_TOKEN}" }`,
  notes: ["Bitrix24 never resends an event: a stored event is answered at once, routed later."],
};
