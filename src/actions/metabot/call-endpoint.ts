import { z } from "zod";
import { defineAction } from "../define-action.ts";
import { scriptRequestParamsSchema, withEventId } from "./script-request-params-schema.ts";

/** Path segments of letters, digits, _ - and . (not "." or ".." alone), joined by /. */
function isAlias(alias: string): boolean {
  return alias
    .split("/")
    .every((segment) => /^[\w.-]+$/.test(segment) && segment !== "." && segment !== "..");
}

const aliasSchema = z
  .string()
  .refine(isAlias, {
    error: "expected an endpoint alias such as bridge/upsert-lead (letters, digits, _ - . and /)",
  })
  .meta({ description: "The endpoint's alias as set in the bot's internal API; may contain /." });

export const callEndpoint = defineAction({
  type: "metabot.call_endpoint",
  target: "metabot",
  summary: "Call a bot's own API endpoint (POST /bots/{bot_id}/call/{alias}) and keep its answer.",
  description: [
    'The body is {"script_request_params": {...}}; the endpoint\'s JavaScript answers synchronously, and its JSON answer is the step\'s output, e.g. an endpoint that finds or creates a lead by phone and answers {"lead_id": 135} lets a later action use {{ steps.lead.lead_id }}.',
    "As with schedule_job, event_id is added to script_request_params by default so the endpoint can drop repeats.",
  ].join(" "),
  output: "The endpoint's JSON answer as it is.",
  dryRunAnswer: {
    description:
      '`{"success": true, "lead_id": 135}`: an endpoint that finds or creates the lead, as the reference suggests; declare dry_run_answer for your endpoint\'s own answer',
    answer: () => ({ success: true, lead_id: 135 }),
  },
  params: z.strictObject({
    alias: aliasSchema,
    script_request_params: scriptRequestParamsSchema.optional(),
    include_event_id: z.boolean().optional().meta({
      description:
        "Put event_id into script_request_params (default: the target's include_event_id, true).",
    }),
  }),
  examples: [
    {
      title: "Find or create a lead by phone, then use its id",
      params: {
        alias: "bridge/upsert-lead",
        script_request_params: { phone: "{{ $phone(body.Phone) }}", name: "{{ body.Name }}" },
      },
    },
  ],
  async run(params, context) {
    const response = await context.http({
      method: "POST",
      path: `/bots/${context.target.bot_id}/call/${params.alias}`,
      json: {
        script_request_params:
          withEventId(
            params.script_request_params,
            context.event.id,
            params.include_event_id ?? context.target.include_event_id,
          ) ?? {},
      },
    });
    return response.body;
  },
});
