import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

/** Param -> JSON Patch path of the person's fields. */
const FIELDS = {
  name: "/name",
  first_name: "/firstName",
  last_name: "/lastName",
  email: "/email",
  phone: "/phone",
  notes: "/notes",
} as const;

const field = (description: string) =>
  z.union([z.string(), z.number()]).optional().meta({ description });

export const updateSubscriber = defineAction({
  type: "bothelp.update_subscriber",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Change a BotHelp subscriber's name, email, phone or notes.",
  description:
    'Sends `PATCH /v1/subscribers/{id}` with `[{"op":"replace","path":"/firstName","value":"..."}]`, one operation per request (operations.update_subscriber.ops_per_request sends more at once). Absent and empty values are left alone.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    name: field("Full name."),
    first_name: field("First name."),
    last_name: field("Last name."),
    email: field("Email."),
    phone: field("Phone, e.g. {{ $phone(body.phone) }}."),
    notes: field("Notes."),
  }),
  examples: [
    {
      title: "Copy the email and phone from a CRM contact",
      params: {
        subscriber: { cuid: "{{ body.cuid }}" },
        email: "{{ $email(body.email) }}",
        phone: "{{ $phone(body.phone) }}",
      },
    },
  ],
  async run(params, context) {
    const ops = Object.entries(FIELDS).flatMap(([key, path]) => {
      const value = params[key as keyof typeof FIELDS];
      return value === undefined || value === ""
        ? []
        : [{ op: "replace", path, value: String(value) }];
    });
    if (ops.length === 0) return { subscribers: [], skipped: true };
    const operation = bothelpOperation("update_subscriber", context.target.operations);
    const batches: (typeof ops)[] = [];
    for (let i = 0; i < ops.length; i += operation.opsPerRequest)
      batches.push(ops.slice(i, i + operation.opsPerRequest));
    return runForSubscribers(context, params.subscriber, async (subscriber) => {
      for (const json of batches) await callBothelp(context, { operation, subscriber, json });
    });
  },
});
