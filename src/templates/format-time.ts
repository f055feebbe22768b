import { TemplateError } from "./template-error.ts";

export const DEFAULT_TIME_PICTURE = "YYYY-MM-DD HH:mm:ss";

/**
 * Reads a point in time: a Date, an ISO 8601 string (a string without a zone is taken as UTC),
 * `YYYY-MM-DD HH:mm:ss`, or epoch seconds or milliseconds (as a number or digits).
 */
export function parseTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (
    typeof value === "number" ||
    (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()))
  ) {
    const number = Number(value);
    // Below 1e11 it is seconds (1e11 s is the year 5138; 1e11 ms is 1973).
    return checked(new Date(number < 1e11 ? number * 1000 : number), value);
  }
  if (typeof value === "string") {
    const text = value.trim().replace(" ", "T");
    const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(text);
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    return checked(new Date(hasZone || dateOnly ? text : `${text}Z`), value);
  }
  throw new TemplateError(
    "invalid_time",
    `expected a date or time, got ${value === null ? "null" : typeof value}`,
  );
}

function checked(date: Date, value: unknown): Date {
  if (Number.isNaN(date.getTime())) {
    throw new TemplateError("invalid_time", `"${String(value)}" is not a date or time`);
  }
  return date;
}

const TOKENS = /YYYY|MM|DD|HH|mm|ss|SSS|ZZ/g;

/**
 * Formats a time with a picture (`YYYY`, `MM`, `DD`, `HH`, `mm`, `ss`, `SSS`, `ZZ` for the
 * offset such as `+03:00`) in an IANA time zone.
 */
export function formatTime(
  value: unknown,
  picture = DEFAULT_TIME_PICTURE,
  timeZone = "UTC",
): string {
  const date = parseTime(value);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    }).formatToParts(date);
  } catch {
    throw new TemplateError("invalid_time", `unknown time zone "${timeZone}"`);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? "";
  const offset = part("timeZoneName").replace("GMT", "") || "+00:00";
  const values: Record<string, string> = {
    YYYY: part("year").padStart(4, "0"),
    MM: part("month"),
    DD: part("day"),
    HH: part("hour"),
    mm: part("minute"),
    ss: part("second"),
    SSS: String(date.getUTCMilliseconds()).padStart(3, "0"),
    ZZ: offset,
  };
  return picture.replace(TOKENS, (token) => values[token] ?? token);
}
