import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStoreContract } from "../../test/store-contract.ts";
import { openSqliteStore } from "./sqlite-store.ts";

describeStoreContract("sqlite (file)", async () => {
  const store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db")}`,
  );
  await store.migrate();
  return store;
});
