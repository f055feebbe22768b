import { isPlainObject } from "./is-plain-object.ts";

/** Laravel-style validation errors: field name to messages. Empty when the body is valid. */
export type ValidationErrors = Record<string, string[]>;

type Rule = (value: unknown, label: string) => string | undefined;

const TARGET_FIELDS = [
  "script_id",
  "script_code",
  "trigger_id",
  "trigger_code",
  "broadcast_id",
  "broadcast_code",
] as const;

const RUN_AT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const requireInteger: Rule = (value, label) =>
  Number.isInteger(value) ? undefined : `The ${label} field must be an integer.`;
const requireString: Rule = (value, label) =>
  typeof value === "string" && value !== "" ? undefined : `The ${label} field must be a string.`;
const requireBoolean: Rule = (value, label) =>
  typeof value === "boolean" ? undefined : `The ${label} field must be true or false.`;
const requireObject: Rule = (value, label) =>
  isPlainObject(value) ? undefined : `The ${label} field must be an object.`;
const requireRunAt: Rule = (value, label) =>
  typeof value === "string" && isValidRunAt(value)
    ? undefined
    : `The ${label} field must match the format Y-m-d H:i:s.`;

const RULES: Readonly<Record<string, Rule>> = {
  script_id: requireInteger,
  trigger_id: requireInteger,
  broadcast_id: requireInteger,
  script_code: requireString,
  trigger_code: requireString,
  broadcast_code: requireString,
  lead_id: requireInteger,
  ticket_id: requireInteger,
  run_at: requireRunAt,
  run_after_sec: requireInteger,
  is_periodic: requireBoolean,
  repeat_interval_sec: requireInteger,
  condition_script_code: requireString,
  script_request_params: requireObject,
  add_tags: requireString,
  remove_tags: requireString,
};

/**
 * Validates a `jobs/schedule` body as reference/metabot-api.md §2.3 describes it: known fields
 * only, each of its type, exactly one of script/trigger/broadcast by id or code.
 */
export function validateScheduleJob(body: unknown): ValidationErrors {
  if (!isPlainObject(body)) return { body: ["The request body must be a JSON object."] };
  const errors: ValidationErrors = {};
  for (const [field, value] of Object.entries(body)) {
    const rule = RULES[field];
    const message =
      rule === undefined
        ? `The ${field} field is not allowed.`
        : rule(value, field.replaceAll("_", " "));
    if (message !== undefined) errors[field] = [message];
  }
  const targets = TARGET_FIELDS.filter((field) => field in body);
  if (targets.length === 0) {
    errors.script_id = [`One of ${TARGET_FIELDS.join(", ")} is required.`];
  }
  for (const extra of targets.slice(1)) {
    (errors[extra] ??= []).push(`The ${extra} field cannot be used with ${targets[0] ?? ""}.`);
  }
  return errors;
}

/** The Laravel summary line: the first message, and how many more there are. */
export function summarizeErrors(errors: ValidationErrors): string {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const first = messages[0] ?? "The given data was invalid.";
  return more > 0 ? `${first} (and ${more} more error${more > 1 ? "s" : ""})` : first;
}

function isValidRunAt(text: string): boolean {
  const parts = RUN_AT.exec(text)?.slice(1).map(Number);
  if (parts === undefined) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}
