import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { event, T0 } from "../../test/store-rows.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const EVENTS = 2000;

/** A database file made by an older botbridge: WAL, no auto_vacuum, a table already in it. */
function olderDatabase(path: string): void {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; CREATE TABLE older (x INTEGER)");
  db.close();
}

/** page_count, freelist_count and auto_vacuum as another connection sees the file. */
function pagesOf(path: string): { pages: number; free: number; autoVacuum: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  const read = (name: string) => Number(db.prepare(`PRAGMA ${name}`).get()?.[name]);
  const pages = {
    pages: read("page_count"),
    free: read("freelist_count"),
    autoVacuum: read("auto_vacuum"),
  };
  db.close();
  return pages;
}

describe("purging gives the space back (SQLite incremental vacuum)", () => {
  it.each<[string, boolean, number | undefined, number, boolean]>([
    // name, made by an older version, vacuumLimit, auto_vacuum once open, pages given back
    ["a new database", false, undefined, 2, true],
    ["an older database small enough to switch at start", true, undefined, 2, true],
    ["an older database over the limit: left as it is", true, 0, 0, false],
  ])("%s", async (_name, older, vacuumLimit, autoVacuum, shrinks) => {
    const path = join(mkdtempSync(join(tmpdir(), "botbridge-vacuum-")), "t.db");
    if (older) olderDatabase(path);
    const warnings: unknown[] = [];
    const log = {
      error: () => undefined,
      info: () => undefined,
      warn: (o: unknown) => warnings.push(o),
    };
    const store = openSqliteStore(`sqlite:${path}`, {
      log,
      ...(vacuumLimit === undefined ? {} : { vacuumLimit }),
    });
    await store.migrate();
    const text = "x".repeat(2000);
    await Promise.all(
      Array.from({ length: EVENTS }, (_, i) =>
        store.ingest({ event: event({ body: { i, text } }, T0 + i), deliveries: [] }),
      ),
    );
    const full = pagesOf(path);
    expect(full.autoVacuum).toBe(autoVacuum);
    expect(warnings.length).toBe(autoVacuum === 0 ? 1 : 0);

    const purged = await store.purge(T0 + EVENTS, T0 + EVENTS);
    const after = pagesOf(path);
    await store.close();

    expect(purged).toBe(EVENTS);
    if (shrinks) {
      expect(after.free).toBe(0);
      expect(after.pages).toBeLessThan(full.pages / 10);
    } else {
      expect(after.pages).toBe(full.pages);
      expect(after.free).toBeGreaterThan(full.pages / 2);
    }
  });
});
