import type { SourcePreset } from "./source-preset.ts";

export const typeformPreset: SourcePreset = {
  name: "typeform",
  title: "Typeform",
  setup:
    "Form → Connect → Webhooks → Add a webhook: paste the URL, set a secret under Edit, and switch the webhook on.",
  url: "https://<host>/hooks/<source>",
  secret: "The webhook's secret you set in Typeform: verify.hmac.secret.",
  settings: {
    verify: { hmac: { header: "typeform-signature", prefix: "sha256=", encoding: "base64" } },
    dedupe: "{{ body.event_id }}",
  },
  required: ["hmac"],
  fields: {
    "body.form_response.answers[field.ref='email'].email": "an answer, found by its field's ref",
    "body.form_response.answers[type='phone_number'].phone_number": "a phone answer, E.164",
    "body.form_response.hidden.user_id": "a hidden field (the place for a bot subscriber id)",
    "body.form_response.form_id": "the form",
    "body.event_id": "the delivery (the dedupe key)",
  },
  example: `typeform:
  preset: typeform
  verify: { hmac: { secret: "\${TYPEFORM_SECRET}" } }`,
};
