import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTestSchemas } from "../../test/postgres-schemas.ts";
import { openStore } from "./open-store.ts";

const schemas = useTestSchemas();

describe("openStore", () => {
  it("opens SQLite for sqlite:PATH", async () => {
    const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), "bb-")), "a.db")}`);
    expect(store.kind).toBe("sqlite");
    await store.close();
  });

  it.skipIf(!schemas)("opens PostgreSQL for postgres:// and postgresql://, migrated", async () => {
    const shared = await schemas!.create();
    for (const scheme of ["postgres:", "postgresql:"]) {
      const store = await openStore(shared.replace(/^postgres:/, scheme), {
        pool_size: 2,
        statement_timeout: 5_000,
      });
      expect(store.kind).toBe("postgres");
      expect((await store.stats()).events).toBe(0);
      await store.close();
    }
  });

  it.each([
    [
      "mysql://root:secret@db/botbridge",
      /unsupported storage.url "mysql:\/\/\*\*\*@db\/botbridge"/,
    ],
    ["./data/botbridge.db", /expected sqlite:PATH or postgres:\/\//],
  ])("refuses %s without showing a password", async (given, message) => {
    await expect(openStore(given)).rejects.toThrow(message);
  });

  it("fails at start, not later, when PostgreSQL cannot be reached", async () => {
    await expect(openStore("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(/ECONNREFUSED/);
  });
});
