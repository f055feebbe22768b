import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describeKeyHashContract } from "../../test/store-key-contract.ts";
import { DatabaseSync } from "node:sqlite";
import { describeOperatorStoreContract } from "../../test/operator-store-contract.ts";
import { describeStoreContract } from "../../test/store-contract.ts";
import { openSqliteStore } from "./sqlite-store.ts";

describeStoreContract("sqlite (file)", async () => {
  const store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db")}`,
  );
  await store.migrate();
  return store;
});

describeOperatorStoreContract("sqlite (file)", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "botbridge-")), "test.db");
  const store = openSqliteStore(`sqlite:${path}`);
  await store.migrate();
  return {
    store,
    rowsIn(table) {
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return Promise.resolve(Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.n));
      } finally {
        db.close();
      }
    },
  };
});

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
