import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConnection } from "./resolve-connection.ts";

/** A folder with routes.yaml (`yaml`) and, when given, data/admin-token. */
function folder(yaml: string | null, generated?: string): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "botbridge-cli-"));
  const config = join(dir, "routes.yaml");
  if (yaml !== null) writeFileSync(config, yaml.replaceAll("DIR", dir));
  if (generated !== undefined) {
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "admin-token"), `${generated}\n`, { mode: 0o600 });
  }
  return { dir, config };
}

const SQLITE = "storage: { url: sqlite:DIR/data/botbridge.db }\n";

describe("resolveConnection", () => {
  it.each([
    [
      "--url and --token win",
      SQLITE,
      { url: "http://h:1/", token: "t" },
      {},
      "gen",
      { url: "http://h:1", token: "t" },
    ],
    [
      "BOTBRIDGE_ADMIN_TOKEN before the file's",
      `${SQLITE}admin: { token: file-token-0123456789 }`,
      {},
      { BOTBRIDGE_ADMIN_TOKEN: "env" },
      "gen",
      { url: "http://127.0.0.1:8080", token: "env" },
    ],
    [
      "admin.token of the file",
      `server: { port: 3000 }\n${SQLITE}admin: { token: file-token-0123456789 }`,
      {},
      {},
      "gen",
      { url: "http://127.0.0.1:3000", token: "file-token-0123456789" },
    ],
    [
      "the first of a token list",
      `${SQLITE}admin: { token: [{ name: ci, token: one-0123456789abcdef }, { name: old, token: two-0123456789abcdef }] }`,
      {},
      {},
      undefined,
      { url: "http://127.0.0.1:8080", token: "one-0123456789abcdef" },
    ],
    [
      "${VAR}s resolved",
      `server:\n  port: \${P}\n${SQLITE}admin:\n  token: "\${T}"\n`,
      {},
      { P: "4000", T: "x-0123456789abcdef" },
      undefined,
      { url: "http://127.0.0.1:4000", token: "x-0123456789abcdef" },
    ],
    [
      "a server that listens on one address",
      `server: { host: "::1", port: 3000 }\n${SQLITE}`,
      {},
      {},
      "gen",
      { url: "http://[::1]:3000", token: "gen" },
    ],
    [
      "PORT over server.port",
      `server: { port: 3000 }\n${SQLITE}`,
      {},
      { PORT: "5000" },
      "gen",
      { url: "http://127.0.0.1:5000", token: "gen" },
    ],
    [
      "the generated token beside the SQLite file",
      SQLITE,
      {},
      {},
      "gen",
      { url: "http://127.0.0.1:8080", token: "gen" },
    ],
    [
      "an unset ${VAR} token falls through to the file",
      `${SQLITE}admin: { token: "\${UNSET}" }\ntargets: { x: { secret: "\${ALSO_UNSET}" } }`,
      {},
      {},
      "gen",
      { url: "http://127.0.0.1:8080", token: "gen" },
    ],
  ])("%s", async (_, yaml, options, env, generated, expected) => {
    const { config } = folder(yaml, generated);
    await expect(resolveConnection({ ...options, config }, env)).resolves.toEqual(expected);
  });

  it.each([
    ["no token anywhere: exit 2", SQLITE, {}, "no_token", 2],
    ["no file and no token: exit 2", null, {}, "no_token", 2],
    ["an --url that is not http: exit 2", SQLITE, { url: "ftp://x", token: "t" }, "invalid_url", 2],
  ])("%s", async (_, yaml, options, code, exitCode) => {
    const { config } = folder(yaml);
    await expect(resolveConnection({ ...options, config }, {})).rejects.toMatchObject({
      code,
      exitCode,
    });
  });
});
