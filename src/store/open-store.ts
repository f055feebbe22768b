import type { Logger } from "pino";
import type { StorageSettings } from "./storage-schema.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

/** The store a `storage.url` names (sqlite:PATH or postgres://...), migrated and ready. */
export async function openStore(
  url: string,
  settings: Partial<Pick<StorageSettings, "pool_size" | "statement_timeout">> = {},
  log?: Pick<Logger, "warn" | "info" | "error">,
): Promise<Store> {
  const shown = url.replace(/\/\/[^@/]*@/, "//***@");
  let store: Store;
  if (url.startsWith("sqlite:")) store = openSqliteStore(url, log ? { log } : {});
  else if (/^postgres(ql)?:\/\//.test(url))
    store = openPostgresStore(url, {
      ...(settings.pool_size === undefined ? {} : { poolSize: settings.pool_size }),
      ...(settings.statement_timeout === undefined
        ? {}
        : { statementTimeout: settings.statement_timeout }),
      ...(log ? { log } : {}),
    });
  else
    throw new Error(`unsupported storage.url "${shown}": expected sqlite:PATH or postgres://...`);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new Error(`cannot open storage.url ${shown}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return store;
}
