import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { patchTags } from "./patch-tags.ts";
import { SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { tagsSchema } from "./tags-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const removeTags = defineAction({
  type: "bothelp.remove_tags",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Remove tags from a BotHelp subscriber.",
  description:
    'Sends `PATCH /v1/subscribers/{id}` with `[{"op":"remove","path":"/tags","value":[...]}]`. Empty tags are dropped; with none left nothing is sent.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({ subscriber: subscriberSchema, tags: tagsSchema }),
  examples: [
    {
      title: "The trial is over",
      params: { subscriber: { cuid: "{{ body.cuid }}" }, tags: "trial" },
    },
  ],
  run: (params, context) => patchTags(context, params, "remove"),
});
