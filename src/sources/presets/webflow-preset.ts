import type { SourcePreset } from "./source-preset.ts";

export const webflowPreset: SourcePreset = {
  name: "webflow",
  title: "Webflow",
  setup:
    "Site settings → Apps & integrations → Webhooks → Add webhook, trigger Form submission: paste the URL and copy the secret key.",
  url: "https://<host>/hooks/<source>",
  secret:
    "The webhook's secret key (or the OAuth app's client secret): verify.hmac.secret. Webhooks made before 2025-04-14 carry no signature: set hmac: false for those.",
  settings: {
    verify: {
      hmac: {
        header: "x-webflow-signature",
        encoding: "hex",
        signed: "{timestamp}:{body}",
        timestamp_header: "x-webflow-timestamp",
      },
    },
    dedupe: "{{ body.payload.id }}",
  },
  required: ["hmac"],
  fields: {
    "body.payload.data.email": "a field, under the name the designer gave it",
    "body.payload.data.`Phone Number`": "a phone, possibly a JSON number (use $phone)",
    "body.payload.name": "the form's name",
    "body.payload.id": "the submission (the dedupe key)",
  },
  example: `webflow:
  preset: webflow
  verify: { hmac: { secret: "\${WEBFLOW_SECRET}" } }`,
  notes: [
    "Webflow accepts only 200, retries 3 times 10 minutes apart, then deactivates the webhook.",
  ],
};
