import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Real request bodies of the senders (test/fixtures/README.md): one per file, with a `.headers` sidecar. */
export const FIXTURES = join(import.meta.dirname, "fixtures");

export interface Fixture {
  name: string;
  body: Buffer;
  /** Headers to send, as the sidecar lists them (names lower-cased). */
  headers: Record<string, string>;
  /** Sidecar metadata (`# key: value` lines): method, url, test-secret, freeze-clock-ms, ... */
  meta: Record<string, string>;
}

export function readFixture(name: string): Fixture {
  const body = readFileSync(join(FIXTURES, name));
  const headers: Record<string, string> = {};
  const meta: Record<string, string> = {};
  for (const line of readFileSync(join(FIXTURES, `${name}.headers`), "utf8").split("\n")) {
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      const comment = /^#\s*([\w-]+)\s*:\s*(.*)$/.exec(line);
      if (comment) meta[comment[1]!.toLowerCase()] = comment[2]!.trim();
      continue;
    }
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { name, body, headers, meta };
}
