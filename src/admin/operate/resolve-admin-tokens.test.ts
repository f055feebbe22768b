import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../config/admin-schema.ts";
import { dataFolderOf, resolveAdminTokens } from "./resolve-admin-tokens.ts";

const long = "0123456789abcdef";

describe("resolveAdminTokens", () => {
  it.each([
    ["one token is named admin", { token: long }, [{ name: "admin", token: long }]],
    [
      "a list keeps its names (rotation)",
      {
        token: [
          { name: "ci", token: long },
          { name: "ops", token: `${long}x` },
        ],
      },
      [
        { name: "ci", token: long },
        { name: "ops", token: `${long}x` },
      ],
    ],
  ])("%s", async (_name, admin, expected) => {
    const dir = mkdtempSync(join(tmpdir(), "admin-token-"));
    const resolved = await resolveAdminTokens(adminSchema.parse(admin), `sqlite:${dir}/b.db`);
    expect(resolved).toEqual({ tokens: expected });
  });

  it.each([
    ["none configured", {}],
    ["an empty token (an unset ${BOTBRIDGE_ADMIN_TOKEN:-})", { token: "" }],
    ["a list of empty tokens", { token: [{ name: "a", token: "" }] }],
  ])("%s: a token is generated into the data folder, mode 0600, and kept", async (_name, admin) => {
    const dir = mkdtempSync(join(tmpdir(), "admin-token-"));
    const settings = adminSchema.parse(admin);
    const first = await resolveAdminTokens(settings, `sqlite:${dir}/b.db`);
    const file = join(dir, "admin-token");
    expect(first.generated).toEqual({ file, created: true });
    expect(first.tokens).toEqual([{ name: "generated", token: readFileSync(file, "utf8").trim() }]);
    expect(first.tokens[0]?.token).toMatch(/^[\w-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await resolveAdminTokens(settings, `sqlite:${dir}/b.db`);
    expect(again).toEqual({ tokens: first.tokens, generated: { file, created: false } });
  });

  it("reads admin.token_file when it is set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "admin-token-"));
    const file = join(dir, "mine");
    writeFileSync(file, `${long}\n`);
    const resolved = await resolveAdminTokens(
      adminSchema.parse({ token_file: file }),
      "postgres://x",
    );
    expect(resolved.tokens).toEqual([{ name: "generated", token: long }]);
  });
});

describe("dataFolderOf", () => {
  it.each([
    ["sqlite:./data/botbridge.db", "./data"],
    ["sqlite:/var/lib/bb/b.db", "/var/lib/bb"],
    ["sqlite::memory:", "./data"],
    ["postgres://u@h/db", "./data"],
  ])("%s -> %s", (url, folder) => {
    expect(dataFolderOf(url)).toBe(folder);
  });
});

describe("adminSchema", () => {
  it.each([
    [{ token: "short" }, "token: an admin token must be at least 16 characters"],
    [
      {
        token: [
          { name: "a", token: long },
          { name: "a", token: long },
        ],
      },
      'token[1].name: duplicate token name "a"',
    ],
    [{ tokens: long }, "unknown key"],
  ])("refuses %j", (admin, message) => {
    const parsed = adminSchema.safeParse(admin);
    expect(parsed.success).toBe(false);
    const text = parsed.error?.issues
      .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
      .join("; ");
    expect(text?.replace(/\.(\d+)\./g, "[$1].")).toContain(message.replace("unknown key", ""));
  });
});
