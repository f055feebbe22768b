import type { SourcePreset } from "./source-preset.ts";

export const jotformPreset: SourcePreset = {
  name: "jotform",
  title: "Jotform",
  setup: "Form → Settings → Integrations → WebHooks: paste the URL.",
  url: "https://<host>/hooks/<source>?token=<JOTFORM_TOKEN>",
  secret: "Any random text you choose, in the URL's token parameter and in verify.token.",
  settings: {
    verify: { token: { in: "query", name: "token" } },
    json_fields: ["rawRequest"],
    dedupe: "{{ body.submissionID }}",
  },
  required: [],
  fields: {
    "body.q4_email": "an answer, q<N>_<name> (from rawRequest, unpacked into the body)",
    "body.q5_phoneNumber.full": "a phone answer as typed, (999) 123-4567",
    "body.q3_name.first": "a name answer's parts, first and last",
    "body.formID": "the form",
    "body.submissionID": "the submission (the dedupe key)",
  },
  example: `jotform:
  preset: jotform
  verify: { token: "\${JOTFORM_TOKEN}" }`,
  notes: ["pretty is a human summary of the answers; route on the q<N>_ fields instead."],
};
