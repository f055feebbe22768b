import type { SourcePreset } from "./source-preset.ts";

export const hubspotPreset: SourcePreset = {
  name: "hubspot",
  title: "HubSpot (Webhooks API)",
  setup:
    "Your app → Webhooks: set the target URL and subscribe to events; the secret is the app's client secret.",
  url: "https://<host>/hooks/<source>",
  secret:
    "The app's client secret (Auth tab): verify.hmac.secret. The signature covers the URL as HubSpot calls it: behind a proxy that changes it, set verify.hmac.url.",
  settings: {
    verify: {
      hmac: {
        header: "x-hubspot-signature-v3",
        encoding: "base64",
        algorithm: "sha256",
        signed: "{method}{url}{body}{timestamp}",
        timestamp_header: "x-hubspot-request-timestamp",
      },
    },
    split: true,
    dedupe: '{{ body.eventId & ":" & body.subscriptionId & ":" & body.occurredAt }}',
  },
  required: ["hmac"],
  fields: {
    "body.objectId": "the contact (or deal, ...) id: fetch it for e-mail and phone",
    "body.subscriptionType": "e.g. contact.creation, contact.propertyChange",
    "body.propertyName": "the changed property (property changes only)",
    "body.propertyValue": "its new value",
    "body.eventId": "the event (with subscriptionId and occurredAt, the dedupe key)",
  },
  example: `hubspot:
  preset: hubspot
  verify:
    hmac:
      secret: "\${HUBSPOT_CLIENT_SECRET}"
      url: https://bridge.example.com/hooks/hubspot`,
  notes: [
    "A request is a batch (up to 100 events): each item becomes its own event, deduped on eventId + subscriptionId + occurredAt.",
    "Requests older than 5 minutes (X-HubSpot-Request-Timestamp) are refused as replays.",
  ],
};
