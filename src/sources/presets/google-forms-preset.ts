import type { SourcePreset } from "./source-preset.ts";

export const googleFormsPreset: SourcePreset = {
  name: "google-forms",
  title: "Google Forms (Apps Script)",
  setup:
    "In the form: ⋮ → Script editor, paste the script below, then Triggers → Add trigger: onFormSubmit, on form submit.",
  url: "https://<host>/hooks/<source>",
  secret: "Any random text you choose, in the script's X-Bridge-Token header and in verify.token.",
  settings: {
    verify: { token: { in: "header", name: "x-bridge-token" } },
    dedupe: "{{ body.responseId }}",
  },
  required: [],
  fields: {
    "body.answers.Email": "an answer, under the question's title",
    "body.respondentEmail": "the respondent's e-mail, when the form collects it",
    "body.formId": "the form",
    "body.responseId": "the response (the dedupe key)",
  },
  example: `gforms:
  preset: google-forms
  verify: { token: "\${GFORMS_TOKEN}" }`,
  notes: [
    `The script to paste (change the URL and the token):

\`\`\`js
function onFormSubmit(e) {
  const r = e.response, answers = {};
  r.getItemResponses().forEach(i => answers[i.getItem().getTitle()] = i.getResponse());
  UrlFetchApp.fetch('https://bridge.example.com/hooks/gforms', {
    method: 'post', contentType: 'application/json', muteHttpExceptions: true,
    headers: { 'X-Bridge-Token': 'CHANGE_ME' },
    payload: JSON.stringify({ formId: e.source.getId(), responseId: r.getId(),
      timestamp: r.getTimestamp().toISOString(), respondentEmail: r.getRespondentEmail(),
      answers })
  });
}
\`\`\``,
  ],
};
