import { ActionError } from "./action-error.ts";

/** `path` under the base URL's path. A scheme, a `//` host or a `..` out of the base is refused. */
export function joinUnder(base: URL, path: string): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//") || path.startsWith("\\")) {
    throw new ActionError(
      "invalid_path",
      `path "${path}" must be a path under the target's base_url, not a URL`,
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
