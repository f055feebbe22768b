import type { SourcePreset } from "./source-preset.ts";

export const elementorPreset: SourcePreset = {
  name: "elementor",
  title: "Elementor Pro forms",
  setup:
    "Edit the form → Actions After Submit → Webhook: paste the URL (Advanced Data off gives label = value fields).",
  url: "https://<host>/hooks/<source>?token=<ELEMENTOR_TOKEN>",
  secret: "Any random text you choose, in the URL's token parameter and in verify.token.",
  settings: {
    verify: { token: { in: "query", name: "token" } },
    response: { status: 200 },
  },
  required: [],
  fields: {
    "body.Email": "a field, under its label (labels are what the visitor sees, so they may change)",
    "body.form_name": "the form's name",
    "body.form_id": "the form's id",
    "body.`Page URL`": "the page, when Form Metadata includes it",
  },
  example: `elementor:
  preset: elementor
  verify: { token: "\${ELEMENTOR_TOKEN}" }`,
  notes: [
    "Elementor posts while the visitor waits and accepts exactly 200, nothing else; there is no retry and no submission id to dedupe on.",
  ],
};
