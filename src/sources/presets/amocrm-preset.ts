import type { SourcePreset } from "./source-preset.ts";

/** entity:action:id:updated_at of the event's entity; the short (Digital Pipeline) form has no time, so no key. */
const DEDUPE = `{{ (
  $k := $keys(body)[$ != "account" and $ != "params"][0];
  $a := $keys($lookup(body, $k))[0];
  $e := $lookup($lookup(body, $k), $a)[0];
  $t := $e.updated_at ? $e.updated_at : $e.last_modified;
  $t ? $join([$k, $a, $string($e.id), $string($t)], ":")
) }}`;

export const amocrmPreset: SourcePreset = {
  name: "amocrm",
  /** Kommo is amoCRM's international brand, with the same webhooks. */
  aliases: ["kommo"],
  title: "amoCRM / Kommo",
  setup:
    "Settings → Integrations → Webhooks (or a Digital Pipeline 'send webhook' action): paste the URL and pick the events.",
  url: "https://<host>/hooks/<source>?token=<AMOCRM_TOKEN>",
  secret:
    "Any random text you choose, put in the URL's token parameter and in verify.token (amoCRM signs nothing).",
  settings: {
    verify: { token: { in: "query", name: "token" } },
    split: "entities",
    dedupe: DEDUPE,
  },
  required: [],
  fields: {
    "body.leads.add[0].id":
      "the new lead's id (leads carry no phone or e-mail: fetch the lead with contacts)",
    "body.leads.status[0].status_id":
      "the lead's new status (old_status_id, pipeline_id beside it)",
    "body.contacts.update[0].custom_fields[code='PHONE'].values[0].value": "a contact's phone",
    "body.contacts.update[0].custom_fields[code='EMAIL'].values[0].value": "a contact's e-mail",
    "body.account.subdomain": "the account, <subdomain>.amocrm.ru",
  },
  example: `amocrm:
  preset: amocrm
  verify: { token: "\${AMOCRM_TOKEN}" }`,
  notes: [
    "amoCRM waits 2 s and Digital Pipeline hooks are never resent: events are stored and answered at once, routed later.",
    "A request may carry several entities (leads[status][0], leads[status][1], ..., contacts[update][0]): each becomes an event of its own, shaped as if it had come alone ({leads: {status: [lead]}, account: ...}), so body.leads.status[0] is always that event's lead and a route written for [0] sees every one. The answer lists the events.",
    "Each event's dedupe key is entity:action:id:updated_at of its entity; the short Digital Pipeline form has no time, so it is not deduped.",
  ],
};
