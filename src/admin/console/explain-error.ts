import type { ConsoleText } from "./text-en.ts";

export interface ExplainedError {
  /** The stable code: `http_401`, `timeout`, `max_age_exceeded`, ... */
  code: string;
  /** What it means and what to do, in words a non-programmer can act on. */
  hint: string;
}

/**
 * A delivery's last_error (`<code>: <message>`) or an attempt's error code, explained. A
 * max_age_exceeded names the last error too, and that one says what to fix.
 */
export function explainError(text: ConsoleText, error: string | null): ExplainedError | null {
  if (!error) return null;
  const code = /^([a-z][a-z0-9_]*)/.exec(error)?.[1] ?? "other";
  const inner =
    code === "max_age_exceeded" ? /last error ([a-z][a-z0-9_]*)/.exec(error)?.[1] : undefined;
  return { code, hint: hintOf(text, inner ?? code) };
}

function hintOf(text: ConsoleText, code: string): string {
  const hints: Record<string, string> = text.errors;
  if (hints[code]) return hints[code];
  if (/^http_5\d\d$/.test(code)) return text.errors.http_5xx;
  return text.errors.other;
}
