import busboy from "busboy";
import type { IncomingMessage } from "node:http";

/** How a request body was understood: JSON, a form (urlencoded or multipart), other text, or nothing. */
export type BodyKind = "json" | "form" | "text" | "empty";

/** One request as a fake saw it. */
export interface RecordedCall {
  method: string;
  /** The URL path as sent (still percent-encoded), without the query. */
  path: string;
  /** Query parameters, decoded the way servers decode them (`+` becomes a space; last value wins). */
  query: Record<string, string>;
  /** Request headers, names lower-cased, repeated values joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, a parsed form object, the raw text, or undefined when there was no body. */
  body: unknown;
  bodyKind: BodyKind;
  rawBody: string;
  /** When the request arrived (Date.now()). */
  at: number;
}

/** Reads a whole request and turns it into a RecordedCall. */
export async function readCall(req: IncomingMessage): Promise<RecordedCall> {
  const at = Date.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const headers = readHeaders(req);
  const { body, bodyKind } = await parseBody(raw, headers["content-type"] ?? "");
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    bodyKind,
    rawBody: raw.toString("utf8"),
    at,
  };
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function readMediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function readHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; bodyKind: BodyKind }> {
  if (raw.length === 0) return { body: undefined, bodyKind: "empty" };
  const text = raw.toString("utf8");
  const mediaType = readMediaType(contentType);
  if (mediaType === "application/x-www-form-urlencoded") {
    return { body: Object.fromEntries(new URLSearchParams(text)), bodyKind: "form" };
  }
  if (mediaType === "multipart/form-data") {
    try {
      return { body: await parseMultipartFields(raw, contentType), bodyKind: "form" };
    } catch {
      return { body: text, bodyKind: "text" };
    }
  }
  try {
    return { body: JSON.parse(text) as unknown, bodyKind: "json" };
  } catch {
    return { body: text, bodyKind: "text" };
  }
}

/** Multipart fields as strings; a file part becomes its file name. */
function parseMultipartFields(raw: Buffer, contentType: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const parser = busboy({ headers: { "content-type": contentType } });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      fields[name] = info.filename ?? "";
      stream.resume();
    });
    parser.on("close", () => {
      resolve(fields);
    });
    parser.on("error", reject);
    parser.end(raw);
  });
}
