import type { Readable } from "node:stream";
import { ActionError } from "./action-error.ts";

/**
 * Reads a target's answer as UTF-8 text, at most `limit` bytes of it. A larger answer (by its
 * Content-Length, or as soon as more bytes arrive) fails with `response_too_large`: the body is
 * destroyed, so the connection is dropped instead of read to the end, and no more than `limit`
 * bytes (plus one chunk) are ever held.
 */
export async function readLimitedBody(
  body: Readable,
  contentLength: string | undefined,
  limit: number,
): Promise<string> {
  const declared = contentLength === undefined ? NaN : Number(contentLength);
  if (declared > limit) throw tooLarge(body, limit, `${declared} bytes by its Content-Length`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) throw tooLarge(body, limit, `over ${limit} bytes, still arriving`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

function tooLarge(body: Readable, limit: number, size: string): ActionError {
  body.destroy();
  return new ActionError(
    "response_too_large",
    `the target's answer is larger than delivery.max_response_size (${limit} bytes): ${size}; it was not read and the connection was dropped`,
  );
}
