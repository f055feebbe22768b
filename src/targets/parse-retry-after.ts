const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";

/** The three HTTP-date forms (RFC 9110 5.6.7); asctime has no zone and means GMT. */
const HTTP_DATES: readonly { form: RegExp; zone: string }[] = [
  { form: new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`), zone: "" },
  { form: new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`), zone: "" },
  { form: new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`), zone: " GMT" },
];

/**
 * Milliseconds to wait from a Retry-After header: delay-seconds or an HTTP date, cut to
 * `maxMs` (a huge number or a date centuries away would otherwise pause a target for good).
 * Undefined when absent or not one of those forms (a negative number, `5s`, an ISO date, text).
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number,
  maxMs: number,
): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.round(Number(text) * 1000), maxMs);
  const date = HTTP_DATES.find(({ form }) => form.test(text));
  if (!date) return undefined;
  const at = Date.parse(text + date.zone);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), maxMs);
}
