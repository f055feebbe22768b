import { ActionError } from "../../targets/action-error.ts";
import { defineAction } from "../define-action.ts";
import { formatRunAt } from "./format-run-at.ts";
import { JOB_TARGET_KEYS, scheduleJobParams } from "./schedule-job-params.ts";
import { withEventId } from "./script-request-params-schema.ts";

/** Body fields sent as they were validated (ids as numbers, tags as a comma string). */
const PASSED_KEYS = [
  ...JOB_TARGET_KEYS,
  "lead_id",
  "ticket_id",
  "run_after_sec",
  "is_periodic",
  "repeat_interval_sec",
  "condition_script_code",
  "add_tags",
  "remove_tags",
] as const;

export const scheduleJob = defineAction({
  type: "metabot.schedule_job",
  target: "metabot",
  summary:
    "Schedule a Metabot script, trigger or broadcast for a lead (POST /bots/{bot_id}/jobs/schedule).",
  description: [
    "Exactly one of script_id, script_code, trigger_id, trigger_code, broadcast_id or broadcast_code; it is checked when the config loads (for literal values) and again after rendering.",
    "run_at takes any time the templates produce and is sent as YYYY-MM-DD HH:mm:ss in the target's timezone (the Metabot server's zone): a time with a zone or epoch seconds is converted, a time without a zone is taken as already on the server's clock. Give run_at or run_after_sec, never both.",
    "Ids and seconds written as digits in a string (form webhooks) are sent as numbers; tags may be a list or a comma string and are sent as a comma string.",
    "Delivery is at-least-once and Metabot has no idempotency key, so a retried call may schedule a job twice: by default the event's id is added to script_request_params as event_id, for the bot to drop repeats.",
    "Any 2xx answer counts; the job runs later, inside Metabot.",
  ].join(" "),
  output: "Metabot's JSON answer as it is.",
  dryRunAnswer: {
    description:
      '`{"success": true}` (Metabot\'s real answer is not documented; a 2xx means the job was accepted)',
    answer: () => ({ success: true }),
  },
  params: scheduleJobParams,
  examples: [
    {
      title: "Run a trigger for a lead in 10 minutes, with typed params and tags",
      params: {
        trigger_code: "crm_new_deal",
        lead_id: "{{ body.lead_id }}",
        run_after_sec: 600,
        script_request_params: {
          deal_id: "{{ body.deal.id }}",
          amount: "{{ body.deal.amount }}",
          contact: { name: "{{ body.name }}", phone: "{{ $phone(body.phone) }}" },
        },
        add_tags: ["crm", "new_deal"],
      },
    },
    {
      title: "Remind at a time taken from the payload",
      params: {
        script_code: "reminder",
        lead_id: "{{ body.lead_id }}",
        run_at: "{{ body.appointment_at }}",
        remove_tags: "waiting",
      },
    },
  ],
  async run(params, context) {
    // The schema lets a value that looks like a {{ template }} stand aside; rendered, none may.
    const targets = JOB_TARGET_KEYS.filter((key) => params[key] !== undefined);
    if (targets.length !== 1) {
      throw new ActionError(
        "invalid_params",
        `expected one job target, found ${targets.join(", ")}`,
      );
    }
    const body: Record<string, unknown> = {};
    for (const key of PASSED_KEYS) {
      const value = params[key];
      if (value !== undefined && value !== "") body[key] = value;
    }
    if (params.run_at !== undefined) {
      body.run_at = formatRunAt(params.run_at, context.target.timezone);
    }
    const scriptParams = withEventId(
      params.script_request_params,
      context.event.id,
      params.include_event_id ?? context.target.include_event_id,
    );
    if (scriptParams !== undefined) body.script_request_params = scriptParams;
    const response = await context.http({
      method: "POST",
      path: `/bots/${context.target.bot_id}/jobs/schedule`,
      json: body,
    });
    return response.body;
  },
});
