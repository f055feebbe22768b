import { HttpError } from "../core/http-error.ts";
import { parseMultipart } from "./parse-multipart.ts";
import { parseUrlencoded } from "./parse-urlencoded.ts";

/**
 * The body of a request by its content type: JSON; urlencoded with bracket nesting; multipart
 * fields; anything else (text/*, unknown types) kept as text. An empty body is undefined.
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined;
  const { type, charset } = readContentType(contentType);
  if (type === "application/json" || type.endsWith("+json")) return parseJson(decode(raw, charset));
  if (type === "application/x-www-form-urlencoded")
    return parseUrlencoded(decode(raw, charset), charset);
  if (type === "multipart/form-data") return parseMultipart(raw, contentType ?? "");
  return decode(raw, charset);
}

export function readContentType(contentType: string | undefined): {
  type: string;
  charset: string;
} {
  const [type = "", ...params] = (contentType ?? "").split(";");
  const charset =
    params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean) ?? "utf-8";
  return { type: type.trim().toLowerCase(), charset };
}

function parseJson(text: string): unknown {
  try {
    // A reviver costs time on every value, so it only runs when the text can spell a
    // __proto__ key (literally or with \u escapes).
    const risky = text.includes("__proto__") || text.includes("\\u");
    return risky ? JSON.parse(text, dropProtoKey) : JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "invalid_json", `body is not valid JSON: ${(error as Error).message}`);
  }
}

function dropProtoKey(key: string, value: unknown): unknown {
  return key === "__proto__" ? undefined : value;
}

function decode(raw: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(raw);
  } catch {
    return raw.toString("utf8");
  }
}
