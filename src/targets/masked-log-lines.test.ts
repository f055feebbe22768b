import { Writable } from "node:stream";
import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { createMasker } from "./mask-secrets.ts";
import { createLogger } from "../core/create-logger.ts";

const SECRET = "bh@Sec/ret+Key=1&x";
const QUOTED = 'say"hi\\there';
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
  Buffer.from(`ivan:${SECRET}`).toString("base64"),
  JSON.stringify(QUOTED).slice(1, -1),
  QUOTED,
];

/** A logger masking `secrets`, and the lines it wrote. */
function capture(secrets: string[]): { lines: string[]; log: Logger } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const masker = createMasker(new Set(secrets));
  return { lines, log: createLogger("info", sink, (text) => masker.text(text)) };
}

describe("createLogger with a mask", () => {
  it.each<[string, (log: Logger) => void]>([
    ["in the message", (log) => log.warn(`token endpoint said ${encodeURIComponent(SECRET)}`)],
    [
      "in a field no redact path names",
      (log) => log.info({ echo: { form: `client_secret=${encodeURIComponent(SECRET)}` } }, "x"),
    ],
    ["in an error's message", (log) => log.error({ err: new Error(`refused ${SECRET}`) }, "x")],
    [
      "as Basic auth",
      (log) => log.info({ header: `Basic ${Buffer.from(`ivan:${SECRET}`).toString("base64")}` }),
    ],
    ["with JSON escapes", (log) => log.info({ said: `<${QUOTED}>` }, "x")],
  ])("masks a secret %s, and the line stays JSON", (_name, write) => {
    const { lines, log } = capture([SECRET, QUOTED]);
    write(log);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const form of FORMS) expect(line).not.toContain(form);
    expect(line).toContain("***");
    expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it("masks value by value when a secret spans JSON quotes, so the line stays JSON", () => {
    const spanning = 'k","v';
    const { lines, log } = capture([spanning]);
    log.info({ a: "k", v: 1, c: `=${spanning}=` }, "x");
    expect(JSON.parse(lines[0]!)).toMatchObject({ a: "k", v: 1, c: "=***=" });
  });
});
