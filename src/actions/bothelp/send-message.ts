import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const sendMessage = defineAction({
  type: "bothelp.send_message",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Send a text message to a BotHelp subscriber.",
  description:
    'Sends `POST /v1/subscribers/{id}/messages` with `[{"content":"<text>"}]` as `application/vnd.api+json` (operations.send_message can change the content type, or body_style: data for `{"data":{"content":["<text>"]}}`). The messenger\'s own limits apply (e.g. the 24 h window of Instagram).',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    text: z.string().min(1).meta({ description: "The message." }),
  }),
  examples: [
    {
      title: "Thank the buyer",
      params: {
        subscriber: { cuid: "{{ body.cuid }}" },
        text: "Спасибо за оплату, {{ body.name }}!",
      },
    },
  ],
  async run(params, context) {
    const operation = bothelpOperation("send_message", context.target.operations);
    const json =
      operation.bodyStyle === "data"
        ? { data: { content: [params.text] } }
        : [{ content: params.text }];
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, json }),
    );
  },
});
