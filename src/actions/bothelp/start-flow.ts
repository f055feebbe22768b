import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, SUBSCRIBER_ACTION_OUTPUT } from "./run-for-subscribers.ts";
import { referralSchema } from "./referral-schema.ts";
import { subscriberSchema } from "./subscriber-schema.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const startFlow = defineAction({
  type: "bothelp.start_flow",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "Start a BotHelp flow for a subscriber, optionally at a given step.",
  description:
    'Sends `POST /v1/subscribers/{id}/bot` with `{"botReferral":"<flow>","stepReferral":"<step>"}` (a BotHelp flow is a "bot" in the API). The API accepts unknown referrals silently; `botbridge targets check` lists the ones that do not exist. Starting a flow again restarts it.',
  output: SUBSCRIBER_ACTION_OUTPUT,
  params: z.strictObject({
    subscriber: subscriberSchema,
    flow: referralSchema("The flow's referral (Ref бота)."),
    step: referralSchema(
      "The step's referral (Ref шага); empty or absent: the first step.",
    ).optional(),
  }),
  examples: [
    {
      title: "Start the onboarding flow at a given step",
      params: {
        subscriber: { email: "{{ body.email }}" },
        flow: "c1723106923821",
        step: "1723638253735",
      },
    },
  ],
  async run(params, context) {
    const operation = bothelpOperation("start_flow", context.target.operations);
    const json = {
      botReferral: params.flow,
      ...(params.step ? { stepReferral: params.step } : {}),
    };
    return runForSubscribers(context, params.subscriber, (subscriber) =>
      callBothelp(context, { operation, subscriber, json }),
    );
  },
});
