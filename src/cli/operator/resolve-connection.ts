import { readFile } from "node:fs/promises";
import { CliFailure, EXIT } from "./cli-failure.ts";
import { readLocalServer } from "./read-local-server.ts";

export interface ConnectionOptions {
  url?: string | undefined;
  token?: string | undefined;
  /** The routes file (the global --config). */
  config: string;
}

export interface Connection {
  /** The server's address, without a trailing slash. */
  url: string;
  token: string;
}

/**
 * Where the operator API is and which token to send: `--url`, else the local server of the
 * routes file (http://127.0.0.1:<server.port>, PORT overriding it, or server.host if it is one address); `--token`, else
 * BOTBRIDGE_ADMIN_TOKEN, else the file's admin.token, else the token the server generated into
 * its data folder (readable on the same machine).
 */
export async function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
): Promise<Connection> {
  const needsFile = options.url === undefined || (!options.token && !env.BOTBRIDGE_ADMIN_TOKEN);
  const local = needsFile ? await readLocalServer(options.config, env) : undefined;
  const url = (options.url ?? local?.url ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(url))
    throw new CliFailure(EXIT.usage, "invalid_url", `--url ${url} is not an http(s) address`);
  const token =
    options.token ||
    env.BOTBRIDGE_ADMIN_TOKEN ||
    local?.token ||
    (local ? await readTokenFile(local.tokenFile) : undefined);
  if (!token)
    throw new CliFailure(
      EXIT.usage,
      "no_token",
      `no admin token: pass --token, set BOTBRIDGE_ADMIN_TOKEN, or run where the server keeps ${local?.tokenFile ?? "data/admin-token"}`,
    );
  return { url, token };
}

async function readTokenFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim() || undefined;
  } catch {
    return undefined;
  }
}
