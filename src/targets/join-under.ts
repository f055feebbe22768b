import { ActionError } from "./action-error.ts";

/** `.` and `..` as URL parsers read them: `%2e` is a dot too. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * `path` under the base URL's path. A scheme, a `//` host, a `.` or `..` segment, an empty segment
 * inside the path (`/leads//notes`, which servers often read as `/leads/notes`) and anything that
 * ends up outside the base are refused as `invalid_path`: a path names one endpoint under the
 * base, the one written.
 */
export function joinUnder(base: URL, path: string): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//") || path.startsWith("\\")) {
    throw new ActionError(
      "invalid_path",
      `path "${path}" must be a path under the target's base_url, not a URL`,
    );
  }
  const segments = path.split(/[?#]/, 1)[0]?.split(/[/\\]/) ?? [];
  if (segments.some((segment) => DOT_SEGMENT.test(segment))) {
    throw new ActionError(
      "invalid_path",
      `path "${path}" has a . or .. segment; write the path without them`,
    );
  }
  if (segments.slice(1, -1).includes("")) {
    throw new ActionError(
      "invalid_path",
      `path "${path}" has an empty segment (//); a value in it may have rendered empty`,
    );
  }
  const basePath = base.pathname.replace(/\/$/, "");
  const joined = new URL(basePath + "/" + path.replace(/^\//, ""), base.origin);
  if (
    joined.origin !== base.origin ||
    (joined.pathname !== basePath && !joined.pathname.startsWith(`${basePath}/`))
  ) {
    throw new ActionError("invalid_path", `path "${path}" leaves the target's base_url`);
  }
  return joined;
}
