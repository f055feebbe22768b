import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { configuredTokens, tokenFileOf } from "../../admin/operate/resolve-admin-tokens.ts";
import { adminSchema } from "../../config/admin-schema.ts";
import { resolveEnv } from "../../config/resolve-env.ts";
import { DEFAULT_STORAGE_URL } from "../../store/storage-schema.ts";

/** What the operator commands take from the routes file of the server on this machine. */
export interface LocalServer {
  /** http://<server.host>:<server.port> (PORT overrides the port); a wildcard host is 127.0.0.1. */
  url: string;
  /** admin.token (the first one of a list), when the file sets it. */
  token: string | undefined;
  /** Where the server keeps the token it generates when none is configured. */
  tokenFile: string;
}

/**
 * Reads only server.host and .port, admin and storage.url of the routes file, with `${VAR}`s resolved:
 * an operator's shell need not hold the targets' secrets, so the rest of the file is neither
 * validated nor needed. A missing or unreadable file gives the defaults serve would use.
 */
export async function readLocalServer(file: string, env: NodeJS.ProcessEnv): Promise<LocalServer> {
  let raw: unknown = {};
  try {
    const document = parseDocument(await readFile(file, "utf8"));
    resolveEnv(document, env);
    raw = document.toJS({ maxAliasCount: 1000 });
  } catch {
    // no readable file: the defaults
  }
  const root = record(raw);
  const server = record(root.server);
  const port = env.PORT ? Number(env.PORT) : typeof server.port === "number" ? server.port : 8080;
  const storage = record(root.storage).url;
  const url =
    env.BOTBRIDGE_DATABASE_URL ?? (typeof storage === "string" ? storage : DEFAULT_STORAGE_URL);
  const admin = adminSchema.safeParse(root.admin ?? {});
  const settings = admin.success ? admin.data : {};
  // an unset ${VAR} stays written as it was: not a token
  const token = configuredTokens(settings).find((t) => !t.token.includes("${"))?.token;
  return {
    url: `http://${hostOf(server.host)}:${port}`,
    token,
    tokenFile: tokenFileOf(settings, url),
  };
}

/** Where a client on this machine reaches a server listening on `host`. */
function hostOf(host: unknown): string {
  if (typeof host !== "string" || host === "" || host === "0.0.0.0" || host === "::")
    return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
