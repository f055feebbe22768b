import { ActionError } from "./action-error.ts";

/** A header name: an HTTP token (RFC 9110 5.6.2). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A character a header value may not hold: anything but tab, space, visible ASCII and Latin-1. */
const FORBIDDEN_IN_VALUE = /[^\t\x20-\x7e\x80-\xff]/u;
/** Headers the HTTP client writes itself from the body and the connection. */
const MANAGED = new Set(["content-length", "transfer-encoding", "keep-alive", "upgrade", "expect"]);

/**
 * Refuses headers that cannot be sent as they are, before any request is made: a name that is not
 * a token, a value holding CR, LF, NUL (which would end the header early) or a character outside
 * Latin-1, or a header the HTTP client manages itself. Throws ActionError `invalid_params`; the
 * message names the header and the character, never the value (it may be a secret).
 */
export function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      throw new ActionError(
        "invalid_params",
        `header name ${JSON.stringify(name)} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
      );
    }
    if (MANAGED.has(name.toLowerCase())) {
      throw new ActionError(
        "invalid_params",
        `header ${name} is set by the HTTP client itself; remove it from the headers`,
      );
    }
    const bad = FORBIDDEN_IN_VALUE.exec(value)?.[0];
    if (bad !== undefined) {
      throw new ActionError(
        "invalid_params",
        `header ${name}: its value holds ${describe(bad)}, which a header cannot carry; nothing was sent (remove it, e.g. with $replace, or send the value in the body)`,
      );
    }
  }
}

function describe(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  if (char === "\r") return `a carriage return (CR, ${code})`;
  if (char === "\n") return `a line feed (LF, ${code})`;
  if (char === "\0") return `a NUL character (${code})`;
  if (char < " " || char === "\x7f") return `a control character (${code})`;
  return `a character outside Latin-1 (${code})`;
}
