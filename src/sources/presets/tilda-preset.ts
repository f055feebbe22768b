import type { SourcePreset } from "./source-preset.ts";

export const tildaPreset: SourcePreset = {
  name: "tilda",
  title: "Tilda",
  setup:
    "Site Settings → Forms → Webhook: paste the URL; Tilda sends test=test at once, which is answered 200 and not stored.",
  url: "https://<host>/hooks/<source>?token=<TILDA_TOKEN>",
  secret:
    "Any random text you choose, put in the URL's token parameter and in verify.token (Tilda signs nothing).",
  settings: {
    verify: { token: { in: "query", name: "token" } },
    dedupe: "{{ body.tranid }}",
    ping: { equals: { "body.test": "test" } },
  },
  required: [],
  fields: {
    "body.Name": "the Name field (each field under its variable name)",
    "body.Email": "the e-mail as typed",
    "body.Phone": "the phone as typed, with the mask: +7 (999) 123-45-67 (use $phone)",
    "body.formid": "the form, form<record id>",
    "body.tranid": "the submission, <project>:<n> (the dedupe key)",
    "body.utm_source": "hidden fields and UTM marks, when the form has them",
  },
  example: `tilda:
  preset: tilda
  verify: { token: "\${TILDA_TOKEN}" }`,
  notes: [
    "Tilda waits 5 s and tries twice more, a minute apart; the answer comes once the event is stored.",
  ],
};
