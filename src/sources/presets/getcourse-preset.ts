import type { SourcePreset } from "./source-preset.ts";

export const getcoursePreset: SourcePreset = {
  name: "getcourse",
  title: "GetCourse",
  setup:
    "In a process, add the operation 'Call URL' (Вызвать URL) and paste the URL with the fields you need as query parameters.",
  url: "https://<host>/hooks/<source>?token=<GETCOURSE_TOKEN>&email={object.user.email}&phone={object.user.phone}&name={object.user.first_name}&deal_id={object.id}&status={object.status}",
  secret: "Any random text you choose, in the URL's token parameter and in verify.token.",
  settings: {
    verify: { token: { in: "query", name: "token" } },
    methods: ["GET", "POST"],
    query_as_body: true,
    plus_repair: ["phone"],
  },
  required: [],
  fields: {
    "body.email": "what {object.user.email} became (the names are the ones you put in the URL)",
    "body.phone": "the phone; a raw '+' that arrived as a space is put back",
    "body.deal_id": "the deal, from {object.id}",
    "body.status": "the deal status, from {object.status}",
  },
  example: `getcourse:
  preset: getcourse
  verify: { token: "\${GETCOURSE_TOKEN}" }`,
  notes: [
    "GetCourse sends everything in the URL, even for POST, and 'Call URL' may use GET: both are accepted, and the query becomes the body (the token removed).",
    "There is no event id to dedupe on; set dedupe, e.g. {{ body.deal_id & ':' & body.status }}, if repeats matter.",
  ],
};
