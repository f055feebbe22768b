import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { referralRequest } from "./referral-request.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { referralSchema } from "./referral-schema.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const removeFromSequence = defineAction({
  type: "bothelp.remove_from_sequence",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Remove a BotHelp subscriber from a sequence.",
  description:
    'Sends `DELETE /v1/subscribers/{id}/funnel` with `{"funnelReferral":"<sequence>"}` as a JSON body (operations.remove_from_sequence.referral_in: query or both moves it to the query string).',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    sequence: referralSchema("The sequence's referral (Ref авторассылки).").optional(),
  }),
  examples: [
    {
      title: "Stop the warm-up sequence after payment",
      params: { subscriber: { email: "{{ body.email }}" }, sequence: "f1723106923821" },
    },
  ],
  async run(params, context) {
    const operation = bothelpOperation("remove_from_sequence", context.target.operations);
    const request = referralRequest(operation, "funnelReferral", params.sequence);
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, ...request }),
    );
  },
});
