import { readFile } from "node:fs/promises";
import type { InboundEvent } from "../core/inbound-event.ts";
import { shapeChecked } from "../ingest/prepare-request.ts";
import type { CompiledSource } from "../sources/compile-source.ts";
import { readEvent } from "../sources/read-event.ts";

/**
 * The event(s) a sample request body in `file` makes at `source`, shaped as the source shapes
 * what it receives (its verification left out: a sample carries no signature). The content type
 * is the `Content-Type:` line of a `FILE.headers` sidecar if there is one, else JSON when the text
 * reads as JSON, else a form. Throws an Error saying what is wrong with the file.
 */
export async function readSample(
  file: string,
  source: CompiledSource,
  depthLimit: number,
  now: number,
): Promise<InboundEvent[]> {
  const raw = await readFile(file).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? "file not found" : (error as Error).message);
  });
  const sidecar = await readFile(`${file}.headers`, "utf8").catch(() => "");
  const declared = /^content-type:\s*(.+)$/im.exec(sidecar)?.[1]?.trim();
  const event = await readEvent(
    {
      source: source.name,
      method: "POST",
      path: `/hooks/${source.name}`,
      query: "",
      headers: { "content-type": declared ?? guessContentType(raw.toString("utf8")) },
      raw,
      remote_address: "127.0.0.1",
    },
    now,
    depthLimit,
  );
  return shapeChecked(event, source, depthLimit);
}

function guessContentType(text: string): string {
  try {
    JSON.parse(text);
    return "application/json";
  } catch {
    return "application/x-www-form-urlencoded";
  }
}
