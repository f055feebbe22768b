import { HttpError } from "../core/http-error.ts";
import { parseBody, readContentType } from "./parse-body.ts";
import type { ParseMode } from "./source-settings-schema.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export interface ReadBody {
  body: unknown;
  /** Set when `auto` read the body otherwise than its Content-Type says (JSON sent as a form). */
  parsedAs?: "json";
}

/**
 * The body as the source's `parse` says: `auto` goes by the Content-Type, except that a form (or
 * untyped) body whose text is a JSON object or array is read as JSON (what `curl -d '{...}'`
 * sends); `json`, `form` and `text` read every body so, whatever its type says. A form body that
 * only looks like JSON (`{bad`) stays a form.
 */
export async function readBody(
  raw: Buffer,
  contentType: string | undefined,
  mode: ParseMode,
  depthLimit: number,
): Promise<ReadBody> {
  const { type, charset } = readContentType(contentType);
  const as = (pinned: string) => `${pinned}; charset=${charset}`;
  if (mode === "json") return { body: await parseBody(raw, as(JSON_TYPE), depthLimit) };
  if (mode === "text") return { body: await parseBody(raw, as("text/plain"), depthLimit) };
  if (mode === "form")
    return {
      body: await parseBody(
        raw,
        type === "multipart/form-data" ? contentType : as(FORM),
        depthLimit,
      ),
    };
  if ((type === FORM || type === "") && looksLikeJson(raw)) {
    try {
      return { body: await parseBody(raw, as(JSON_TYPE), depthLimit), parsedAs: "json" };
    } catch (error) {
      if (!(error instanceof HttpError) || error.code !== "invalid_json") throw error;
    }
  }
  return { body: await parseBody(raw, contentType, depthLimit) };
}

/** The first and last characters that are not white space are {} or []. */
function looksLikeJson(raw: Buffer): boolean {
  let start = 0;
  let end = raw.length - 1;
  while (start <= end && isSpace(raw[start])) start += 1;
  while (end >= start && isSpace(raw[end])) end -= 1;
  if (end <= start) return false;
  const [first, last] = [raw[start], raw[end]];
  return (first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d);
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
