import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { referralRequest } from "./referral-request.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { referralSchema } from "./referral-schema.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const stopFlow = defineAction({
  type: "bothelp.stop_flow",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Stop a BotHelp flow for a subscriber.",
  description:
    'Sends `DELETE /v1/subscribers/{id}/bot` with `{"botReferral":"<flow>"}` as a JSON body (operations.stop_flow.referral_in: query or both moves it to the query string).',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    flow: referralSchema("The flow's referral (Ref бота).").optional(),
  }),
  examples: [
    {
      title: "Stop the reminder flow once the person paid",
      params: { subscriber: { phone: "{{ body.phone }}" }, flow: "c1723106923821" },
    },
  ],
  async run(params, context) {
    const operation = bothelpOperation("stop_flow", context.target.operations);
    const request = referralRequest(operation, "botReferral", params.flow);
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, ...request }),
    );
  },
});
