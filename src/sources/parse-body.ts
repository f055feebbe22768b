import { assertDepth } from "./assert-depth.ts";
import { parseJson } from "./parse-json.ts";
import { parseMultipart } from "./parse-multipart.ts";
import { parseUrlencoded } from "./parse-urlencoded.ts";

/**
 * The body of a request by its content type: JSON; urlencoded with bracket nesting; multipart
 * fields; anything else (text/*, unknown types) kept as text. An empty body is undefined. A body
 * nesting more than `depthLimit` deep is refused with 400 body_too_deep, whatever its format.
 */
export async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
  depthLimit: number,
): Promise<unknown> {
  if (raw.length === 0) return undefined;
  const { type, charset } = readContentType(contentType);
  let body: unknown;
  if (type === "application/json" || type.endsWith("+json"))
    body = parseJson(decode(raw, charset), depthLimit);
  else if (type === "application/x-www-form-urlencoded")
    body = parseUrlencoded(decode(raw, charset), { depth: depthLimit, charset });
  else if (type === "multipart/form-data")
    body = await parseMultipart(raw, contentType ?? "", depthLimit);
  else return decode(raw, charset);
  assertDepth(body, depthLimit, "body");
  return body;
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

function decode(raw: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(raw);
  } catch {
    return raw.toString("utf8");
  }
}
