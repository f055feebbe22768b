import { TemplateError } from "./template-error.ts";

/**
 * A template value rendered into a URL path, made one path segment: percent-encoded, so a `/`,
 * `?`, `#`, `%` or `\` in it stays inside the segment. A value of `.` or `..` would name another
 * endpoint (the same, or the parent) and is refused as `invalid_path`. (An empty value leaves its
 * segment empty; joinUnder refuses a path with an empty segment inside it.)
 */
export function encodePathSegment(text: string): string {
  if (text === "." || text === "..") {
    throw new TemplateError(
      "invalid_path",
      `rendered "${text}", which is not a path segment but a step up or in place`,
    );
  }
  return encodeURIComponent(text.toWellFormed());
}
