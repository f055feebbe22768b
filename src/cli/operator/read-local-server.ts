import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseDocument } from "yaml";
import { resolveEnv } from "../../config/resolve-env.ts";
import { DEFAULT_STORAGE_URL } from "../../store/storage-schema.ts";

/** What the operator commands take from the routes file of the server on this machine. */
export interface LocalServer {
  /** server.port (PORT overrides it), 8080 by default. */
  port: number;
  /** admin.token (the first one of a list), when the file sets it. */
  token: string | undefined;
  /** The folder the generated admin token is kept in: the SQLite file's folder, or ./data. */
  dataDir: string;
}

/**
 * Reads only server.port, admin.token and storage.url of the routes file, with `${VAR}`s
 * resolved: an operator's shell need not hold the targets' secrets, so the rest of the file is
 * neither validated nor needed. A missing file gives the defaults.
 */
export async function readLocalServer(file: string, env: NodeJS.ProcessEnv): Promise<LocalServer> {
  let raw: unknown = {};
  try {
    const document = parseDocument(await readFile(file, "utf8"));
    resolveEnv(document, env);
    raw = document.toJS({ maxAliasCount: 1000 });
  } catch {
    // no readable file: the defaults, as serve would use them
  }
  const root = record(raw);
  const configured = record(root.server).port;
  const port = env.PORT ? Number(env.PORT) : typeof configured === "number" ? configured : 8080;
  const url = env.BOTBRIDGE_DATABASE_URL ?? text(record(root.storage).url) ?? DEFAULT_STORAGE_URL;
  const dataDir = url.startsWith("sqlite:")
    ? dirname(url.replace(/^sqlite:(\/\/)?/, ""))
    : "./data";
  return { port, token: firstToken(record(root.admin).token), dataDir };
}

function firstToken(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(record(value[0]).token);
  return text(value);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A usable value: a string with no `${VAR}` left unresolved. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !value.includes("${") ? value : undefined;
}
