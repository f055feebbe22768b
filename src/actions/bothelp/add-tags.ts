import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { patchTags } from "./patch-tags.ts";
import { SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { tagsSchema } from "./tags-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const addTags = defineAction({
  type: "bothelp.add_tags",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Add tags to a BotHelp subscriber (unknown tags are created).",
  description:
    'Sends `PATCH /v1/subscribers/{id}` with `[{"op":"add","path":"/tags","value":[...]}]`. Empty tags are dropped; with none left nothing is sent.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({ subscriber: subscriberSchema, tags: tagsSchema }),
  examples: [
    {
      title: "Tag the person who paid, found by email",
      params: { subscriber: { email: "{{ body.email }}" }, tags: ["paid", "vip"] },
    },
    {
      title: "Tags from a form field, once the person has started the bot",
      params: {
        subscriber: { phone: "{{ body.Phone }}", on_missing: "wait", wait_for: "3d" },
        tags: "{{ body.tags }}",
      },
    },
  ],
  run: (params, context) => patchTags(context, params, "add"),
});
