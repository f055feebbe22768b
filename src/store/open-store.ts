import { openSqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

/** The store a `storage.url` names, migrated and ready. */
export async function openStore(url: string): Promise<Store> {
  if (!url.startsWith("sqlite:"))
    throw new Error(
      `unsupported storage.url "${url.replace(/\/\/[^@]*@/, "//***@")}": expected sqlite:PATH`,
    );
  const store = openSqliteStore(url);
  await store.migrate();
  return store;
}
