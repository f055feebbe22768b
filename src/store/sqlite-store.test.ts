import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describeKeyHashContract } from "../../test/store-key-contract.ts";
import { describeOperatorListsContract } from "../../test/operator-lists-contract.ts";
import { describeStoreContract } from "../../test/store-contract.ts";
import { openSqliteStore } from "./sqlite-store.ts";

describeStoreContract("sqlite (file)", async () => {
  const store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db")}`,
  );
  await store.migrate();
  return store;
});

async function openFileStore() {
  const store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db")}`,
  );
  await store.migrate();
  return store;
}

describeOperatorListsContract(openFileStore);

describeKeyHashContract("sqlite (file)", {
  create: () => Promise.resolve(join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db")),
  async open(path) {
    const store = openSqliteStore(`sqlite:${path}`);
    await store.migrate();
    return store;
  },
  // the database file and its WAL, byte for byte
  dump: (path) =>
    Promise.resolve(
      readdirSync(dirname(path))
        .filter((f) => f.startsWith(basename(path)))
        .map((f) => readFileSync(join(dirname(path), f)).toString("latin1"))
        .join("\n"),
    ),
});
