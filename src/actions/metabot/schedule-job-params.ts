import { z } from "zod";
import { isTemplate } from "../../core/template-string-schema.ts";
import { parseTime } from "../../templates/format-time.ts";
import { metabotIntegerSchema } from "./metabot-integer-schema.ts";
import { scriptRequestParamsSchema } from "./script-request-params-schema.ts";

/** What a job runs: exactly one of these. */
export const JOB_TARGET_KEYS = [
  "script_id",
  "script_code",
  "trigger_id",
  "trigger_code",
  "broadcast_id",
  "broadcast_code",
] as const;

/** A time parseTime reads, whose calendar date (when written out) exists: no 30 February. */
function isTime(value: string | number): boolean {
  try {
    parseTime(value);
  } catch {
    return false;
  }
  const date = typeof value === "string" ? /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (date === null) return true;
  const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

const runAtSchema = z
  .union([
    z
      .string()
      .refine(isTime, { error: "expected a date or time such as 2026-01-21T21:00:00+05:00" }),
    z.number().refine(isTime, { error: "expected epoch seconds or milliseconds" }),
  ])
  .meta({
    description:
      "When to run: an ISO 8601 time, YYYY-MM-DD HH:mm:ss or epoch seconds/ms. Sent as YYYY-MM-DD HH:mm:ss in the target's timezone: a time with a zone is converted, one without is taken as on that clock already.",
  });

const tagsSchema = z.union([z.string(), z.array(z.string())]).transform((tags) =>
  (Array.isArray(tags) ? tags : tags.split(","))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "")
    .join(","),
);

const code = z.string().min(1);

/**
 * Checks that hold between fields: one job target, and not both run_at and run_after_sec. A key
 * whose value is still a `{{ template }}` (at load time) may render absent, so only literal
 * values count as clashes. After rendering, run() counts the job targets again without that
 * allowance, in case a rendered value itself contains "{{".
 */
function checkJob(job: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const present = JOB_TARGET_KEYS.filter((key) => job[key] !== undefined);
  const literal = present.filter((key) => !isTemplate(job[key]));
  if (present.length === 0) {
    ctx.addIssue({
      code: "custom",
      input: job,
      message: `expected one of ${JOB_TARGET_KEYS.join(", ")}`,
    });
  }
  if (literal.length > 1) {
    ctx.addIssue({
      code: "custom",
      input: job,
      path: [literal[1] as string],
      message: `expected only one job target (script_*, trigger_* or broadcast_*); found ${literal.join(" and ")}`,
    });
  }
  const runAt = job.run_at;
  const after = job.run_after_sec;
  if (runAt !== undefined && after !== undefined && !isTemplate(runAt) && !isTemplate(after)) {
    ctx.addIssue({
      code: "custom",
      input: job,
      path: ["run_after_sec"],
      message: "expected run_at or run_after_sec, not both (Metabot would ignore run_after_sec)",
    });
  }
}

/** The params of metabot.schedule_job: every field of POST /bots/{bot_id}/jobs/schedule. */
export const scheduleJobParams = z
  .strictObject({
    script_id: metabotIntegerSchema(1).optional().meta({ description: "Script to run, by id." }),
    script_code: code.optional().meta({ description: "Script to run, by code name." }),
    trigger_id: metabotIntegerSchema(1).optional().meta({ description: "Trigger to run, by id." }),
    trigger_code: code.optional().meta({ description: "Trigger to run, by code name." }),
    broadcast_id: metabotIntegerSchema(1)
      .optional()
      .meta({ description: "Broadcast to run, by id." }),
    broadcast_code: code.optional().meta({ description: "Broadcast to run, by code name." }),
    lead_id: metabotIntegerSchema(1).optional().meta({
      description:
        "The Metabot lead the job runs for: a person known to the bot (its bot user id, e.g. 135), not a CRM's lead or deal id (an amoCRM lead id means nothing to Metabot). Webhooks rarely carry it: a metabot.call_endpoint step that finds the lead by phone or e-mail gives it, {{ steps.lead.lead_id }}.",
    }),
    ticket_id: metabotIntegerSchema(1)
      .optional()
      .meta({ description: "A ticket / data-model table row id." }),
    run_at: runAtSchema.optional(),
    run_after_sec: metabotIntegerSchema(0)
      .optional()
      .meta({ description: "Run after this many seconds (instead of run_at)." }),
    is_periodic: z.boolean().optional().meta({ description: "Repeat the job." }),
    repeat_interval_sec: metabotIntegerSchema(1)
      .optional()
      .meta({ description: "Repeat period in seconds, with is_periodic." }),
    condition_script_code: code.optional().meta({
      description: "JavaScript run by Metabot first; the job runs only if it returns true.",
    }),
    script_request_params: scriptRequestParamsSchema.optional(),
    add_tags: tagsSchema
      .optional()
      .meta({ description: "Tags to add to the lead: a list or a comma string." }),
    remove_tags: tagsSchema
      .optional()
      .meta({ description: "Tags to remove from the lead: a list or a comma string." }),
    include_event_id: z.boolean().optional().meta({
      description:
        "Put event_id into script_request_params (default: the target's include_event_id, true).",
    }),
  })
  .superRefine(checkJob);

export type ScheduleJobParams = z.output<typeof scheduleJobParams>;
