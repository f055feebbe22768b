import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { referralSchema } from "./referral-schema.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const addToSequence = defineAction({
  type: "bothelp.add_to_sequence",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Add a BotHelp subscriber to a sequence.",
  description:
    'Sends `POST /v1/subscribers/{id}/funnel` with `{"funnelReferral":"<sequence>"}` (a BotHelp sequence is a "funnel" in the API). Unknown referrals are accepted silently; `botbridge targets check` finds them.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    sequence: referralSchema("The sequence's referral (Ref авторассылки)."),
  }),
  examples: [
    {
      title: "Start the warm-up sequence",
      params: { subscriber: { email: "{{ body.email }}" }, sequence: "f1723106923821" },
    },
  ],
  async run(params, context) {
    const operation = bothelpOperation("add_to_sequence", context.target.operations);
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, json: { funnelReferral: params.sequence } }),
    );
  },
});
