import { parseTimeOption } from "./parse-time-option.ts";
import { usageError } from "./operator-command.ts";
import { DELIVERY_STATUSES } from "./list-options.ts";

/** The keys a bulk operation's `--filter key=value` takes, and the API field each one sets. */
const KEYS: Record<string, string> = {
  status: "status",
  route: "route",
  target: "target",
  event: "event_id",
  event_id: "event_id",
  error_code: "error_code",
  since: "since",
  until: "until",
};

/** `--filter status=failed --filter route=crm` as the API's delivery filter. */
export function parseFilter(pairs: readonly string[], now: number): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = KEYS[at > 0 ? pair.slice(0, at) : ""];
    const value = pair.slice(at + 1);
    if (key === undefined || value === "")
      throw usageError(
        `--filter ${pair}: expected key=value with a key of ${Object.keys(KEYS).join(", ")}`,
      );
    if (key === "status" && !(DELIVERY_STATUSES as readonly string[]).includes(value))
      throw usageError(`--filter ${pair}: a status is one of ${DELIVERY_STATUSES.join(", ")}`);
    filter[key] =
      key === "since" || key === "until"
        ? (parseTimeOption(`--filter ${key}=`, value, now, "past") ?? value)
        : value;
  }
  return filter;
}

/** `status=failed route=crm`: a filter as the operator wrote it, for messages. */
export function describeFilter(filter: Record<string, string>): string {
  return Object.entries(filter)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}
