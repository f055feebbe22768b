import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const setCustomFields = defineAction({
  type: "bothelp.set_custom_fields",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Set a BotHelp subscriber's custom (user) fields.",
  description:
    'Sends `PATCH /v1/subscribers/{id}/customFields` with one `{"op":"replace","path":"/<name>","value":"<string>"}` per field, all in one request. Values are sent as strings; null values are left out.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    fields: z
      .record(z.string().min(1), fieldValue)
      .meta({ description: "Field name -> value, e.g. { Бюджет: '{{ body.amount }}' }." }),
  }),
  examples: [
    {
      title: "Budget and city from a form",
      params: {
        subscriber: { email: "{{ body.email }}" },
        fields: { Бюджет: "{{ body.amount }}", city: "{{ body.city }}" },
      },
    },
  ],
  async run(params, context) {
    const ops = Object.entries(params.fields)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => ({
        op: "replace",
        path: name.startsWith("/") ? name : `/${name}`,
        value: String(value),
      }));
    if (ops.length === 0) return { subscribers: [], skipped: true };
    const operation = bothelpOperation("set_custom_fields", context.target.operations);
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, json: ops }),
    );
  },
});
