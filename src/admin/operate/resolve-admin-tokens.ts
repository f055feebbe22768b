import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { AdminSettings } from "../../config/admin-schema.ts";
import { sqlitePath } from "../../store/sqlite-store.ts";

/** A token that opens the operator API; its name is the audit log's actor. */
export interface AdminToken {
  name: string;
  token: string;
}

export interface ResolvedTokens {
  tokens: AdminToken[];
  /** The generated token's file when none is configured; `created` the first time. */
  generated?: { file: string; created: boolean };
}

/** The folder botbridge keeps its files in: the SQLite file's folder, or ./data with PostgreSQL. */
export function dataFolderOf(storageUrl: string): string {
  if (!storageUrl.startsWith("sqlite:")) return "./data";
  const path = sqlitePath(storageUrl);
  return path === ":memory:" ? "./data" : dirname(path);
}

/** Where the generated token is kept: `admin.token_file`, else `admin-token` in the data folder. */
export function tokenFileOf(admin: AdminSettings, storageUrl: string): string {
  return admin.token_file ?? join(dataFolderOf(storageUrl), "admin-token");
}

/** The configured tokens; an empty one (an unset `${BOTBRIDGE_ADMIN_TOKEN:-}`) is none. */
export function configuredTokens(admin: AdminSettings): AdminToken[] {
  const { token } = admin;
  const all = typeof token === "string" ? [{ name: "admin", token }] : (token ?? []);
  return all.filter((t) => t.token !== "");
}

/**
 * The tokens that open the operator API. With none configured, the one in the token file,
 * generated there at first start (32 random bytes, mode 0600): nothing is ever open without a
 * token.
 */
export async function resolveAdminTokens(
  admin: AdminSettings,
  storageUrl: string,
): Promise<ResolvedTokens> {
  const configured = configuredTokens(admin);
  if (configured.length > 0) return { tokens: configured };
  const file = tokenFileOf(admin, storageUrl);
  const existing = await readToken(file);
  if (existing)
    return {
      tokens: [{ name: "generated", token: existing }],
      generated: { file, created: false },
    };
  const token = randomBytes(32).toString("base64url");
  await mkdir(dirname(file), { recursive: true });
  // Written whole under another name, then linked into place: an instance starting beside this
  // one never reads a half-written file, and the first link wins.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(temporary, `${token}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  try {
    await link(temporary, file);
  } catch (error) {
    const theirs =
      (error as NodeJS.ErrnoException).code === "EEXIST" ? await readToken(file) : undefined;
    if (!theirs) throw error;
    return { tokens: [{ name: "generated", token: theirs }], generated: { file, created: false } };
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return { tokens: [{ name: "generated", token }], generated: { file, created: true } };
}

async function readToken(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
