import type { SourcePreset } from "./source-preset.ts";

export const tallyPreset: SourcePreset = {
  name: "tally",
  title: "Tally",
  setup: "Form → Integrations → Webhooks: paste the URL and set a signing secret.",
  url: "https://<host>/hooks/<source>",
  secret: "The webhook's signing secret: verify.hmac.secret.",
  settings: {
    verify: { hmac: { header: "tally-signature", encoding: "base64" } },
    dedupe: "{{ body.eventId }}",
  },
  required: ["hmac"],
  fields: {
    "body.data.fields[type='INPUT_EMAIL'].value": "the e-mail answer",
    "body.data.fields[type='INPUT_PHONE_NUMBER'].value": "the phone answer",
    "body.data.fields[label='utm_source'].value": "a hidden field, by its label",
    "body.data.formName": "the form",
    "body.eventId": "the delivery (the dedupe key)",
  },
  example: `tally:
  preset: tally
  verify: { hmac: { secret: "\${TALLY_SIGNING_SECRET}" } }`,
};
