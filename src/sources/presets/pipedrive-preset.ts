import type { SourcePreset } from "./source-preset.ts";

export const pipedrivePreset: SourcePreset = {
  name: "pipedrive",
  title: "Pipedrive",
  setup:
    "Tools and apps → Webhooks → Create new webhook (version 2.0): paste the URL and set the HTTP auth user name and password.",
  url: "https://<host>/hooks/<source>",
  secret:
    "The HTTP auth user name and password you set on the webhook: verify.basic.username and verify.basic.password.",
  settings: {
    verify: { basic: {} },
    dedupe: "{{ body.meta.id }}",
  },
  required: ["basic"],
  fields: {
    "body.meta.action": "create, change or delete",
    "body.meta.entity": "person, deal, lead, ...",
    "body.data.emails[primary=true].value": "a person's main e-mail",
    "body.data.phones[primary=true].value": "a person's main phone, free text",
    "body.previous": "the changed fields' old values (change only)",
  },
  example: `pipedrive:
  preset: pipedrive
  verify:
    basic: { username: bridge, password: "\${PIPEDRIVE_WEBHOOK_PASSWORD}" }`,
};
