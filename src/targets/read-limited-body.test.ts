import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ActionError } from "./action-error.ts";
import { readLimitedBody } from "./read-limited-body.ts";

const LIMIT = 10;

/** A body of these chunks that counts how many of them were read. */
function body(chunks: string[]): { stream: Readable; read: () => number } {
  let read = 0;
  const stream = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        read += 1;
        yield Buffer.from(chunk);
      }
    })(),
  );
  return { stream, read: () => read };
}

describe("readLimitedBody", () => {
  it.each<[string, Buffer[], string | undefined, string]>([
    ["an empty answer", [], undefined, ""],
    [
      "an answer under the limit, in chunks",
      [Buffer.from("abc"), Buffer.from("def")],
      "6",
      "abcdef",
    ],
    [
      "an answer of exactly the limit",
      [Buffer.from("01234"), Buffer.from("56789")],
      undefined,
      "0123456789",
    ],
    [
      "a UTF-8 character split across chunks",
      [Buffer.from([0xd0]), Buffer.from([0xb6])],
      undefined,
      "ж",
    ],
  ])("reads %s", async (_name, chunks, length, expected) => {
    expect(await readLimitedBody(Readable.from(chunks), length, LIMIT)).toBe(expected);
  });

  it.each<[string, string[], string | undefined, number, RegExp]>([
    ["one byte over the limit", ["01234", "56789", "X", "more"], undefined, 3, /still arriving/],
    ["one chunk far over the limit", ["x".repeat(1000), "more"], undefined, 1, /still arriving/],
    ["a Content-Length over the limit", ["small"], "11", 0, /11 bytes by its Content-Length/],
  ])("refuses %s, reading no further", async (_name, chunks, length, chunksRead, message) => {
    const { stream, read } = body(chunks);
    const error = await readLimitedBody(stream, length, LIMIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: "response_too_large", kind: "failed" });
    expect((error as Error).message).toMatch(message);
    expect(read()).toBe(chunksRead);
    expect(stream.destroyed).toBe(true);
  });
});
