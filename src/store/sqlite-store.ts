import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Logger } from "pino";
import { advanceSqliteDelivery } from "./advance-sqlite-delivery.ts";
import { claimSqliteDeliveries } from "./claim-sqlite-deliveries.ts";
import { createSqliteAdminReads } from "./create-sqlite-admin-reads.ts";
import { createOperatorChanges } from "./create-operator-changes.ts";
import { createOperatorLists } from "./create-operator-lists.ts";
import { createSqlitePauses } from "./create-sqlite-pauses.ts";
import { createTargetStates } from "./create-target-states.ts";
import { enableIncrementalVacuum } from "./enable-incremental-vacuum.ts";
import { startWalCheckpointer } from "./checkpoint-wal.ts";
import { createFileSyncer } from "./file-syncer.ts";
import { guardDatabaseFile } from "./guard-database-file.ts";
import { createGroupCommit } from "./group-commit.ts";
import { hashRouteSnapshot } from "./hash-route-snapshot.ts";
import { insertSqliteDeliveries, insertSqliteEvent } from "./insert-sqlite-event.ts";
import { hashIngestKeys, loadKeyHasher, type KeyHasher } from "./key-hasher.ts";
import { measureSqliteSize } from "./measure-sqlite-size.ts";
import { prepareCached } from "./prepare-cached.ts";
import { purgeSqlite } from "./purge-sqlite.ts";
import { createSqliteAlertIssues } from "./create-sqlite-alert-issues.ts";
import { reclaimSqliteSpace } from "./reclaim-sqlite-space.ts";
import { readMigrations } from "./read-migrations.ts";
import { sqliteSqlRunner } from "./sqlite-sql-runner.ts";
import type { Store } from "./store.ts";

/** `sqlite:./data/botbridge.db` -> `./data/botbridge.db` (`sqlite::memory:` for tests). */
export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, "");
}

/**
 * The embedded store on Node's built-in SQLite: WAL, and group commit so concurrent ingests share
 * one transaction whose callers hear of it once the WAL is fsynced (a 2xx means the event is on
 * disk); the fsync runs on the thread pool, so the event loop serves requests meanwhile.
 */
export function openSqliteStore(
  url: string,
  options: {
    log?: Pick<Logger, "error" | "warn" | "info">;
    /** Up to which size an older database is switched to incremental vacuum at start. */
    vacuumLimit?: number;
  } = {},
): Store {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // auto_vacuum first: a new database takes it only before WAL writes its first page.
  // temp_store = MEMORY: each group-commit job runs in a savepoint, whose statement journal
  // (a copy of every page the job changes) otherwise goes to a temporary file: that was two
  // thirds of the CPU time of an ingest (bench/README.md)
  db.exec(
    "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;",
  );
  // the WAL is made durable by an fsync on the thread pool, not by a COMMIT that blocks the loop;
  // a commit is acknowledged only while its files are still the ones at their paths
  const wal = path === ":memory:" ? undefined : createFileSyncer(`${path}-wal`);
  // checkpoints run on a worker thread, not inside a COMMIT on the event loop
  const checkpointer =
    path === ":memory:"
      ? undefined
      : startWalCheckpointer(path, {
          // the worker is gone: SQLite checkpoints inside COMMIT again, so the WAL stays bounded
          onStopped: () => {
            if (db.isOpen) db.exec("PRAGMA wal_autocheckpoint = 1000");
          },
          onError: (message) =>
            options.log?.warn({ code: "wal_checkpoint_failed", message }, "WAL checkpoint failed"),
        });
  // the WAL file is cut back to 64 MB whenever it starts over
  if (checkpointer) db.exec("PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864");
  const guard = path === ":memory:" ? undefined : guardDatabaseFile(db, path, options.log);
  const writes = createGroupCommit(db, {
    ...(wal && guard ? { syncLog: () => wal.sync().then(() => guard.verify()) } : {}),
    blocked: () => guard?.lost(),
  });
  // noticed without traffic too, so the live database is saved before anyone restarts
  const watch = guard && setInterval(() => void guard.verify().catch(() => undefined), 5_000);
  watch?.unref();
  let probing: Promise<void> | undefined;
  const statement = prepareCached(db);
  const sql = sqliteSqlRunner(writes, statement);
  // migration 0004 moves each delivery's route snapshot into route_snapshots under this hash
  db.function("botbridge_route_hash", { deterministic: true }, (text) =>
    hashRouteSnapshot(JSON.parse(String(text)) as Record<string, unknown>),
  );
  let hashKey: KeyHasher | undefined;

  return {
    kind: "sqlite",

    async migrate() {
      if (path !== ":memory:")
        enableIncrementalVacuum(db, path, {
          ...(options.vacuumLimit === undefined ? {} : { limit: options.vacuumLimit }),
          ...(options.log ? { log: options.log } : {}),
        });
      db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
      );
      const applied = new Set(
        db
          .prepare("SELECT version FROM schema_migrations")
          .all()
          .map((r) => r.version as number),
      );
      for (const migration of await readMigrations(
        new URL("./migrations/sqlite/", import.meta.url),
      )) {
        if (applied.has(migration.version)) continue;
        await writes.run(() => {
          db.exec(migration.sql);
          db.prepare(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          ).run(migration.version, migration.name, Date.now());
        });
      }
      hashKey = await loadKeyHasher({
        insertIfAbsent: (name, value) =>
          writes.run(() =>
            statement("INSERT OR IGNORE INTO store_secrets (name, value) VALUES (?, ?)").run(
              name,
              value,
            ),
          ),
        read: (name) =>
          Promise.resolve(
            statement("SELECT value FROM store_secrets WHERE name = ?").get(name)?.value,
          ),
      });
    },

    ingest(input) {
      const hashed = hashIngestKeys(input, hashKey);
      return writes.run(() => insertSqliteEvent(statement, hashed));
    },

    claim(input) {
      return claimSqliteDeliveries(writes, statement, input);
    },

    advance(input) {
      // Committed, not waited for on the disk: an outcome lost to a power cut only runs that
      // action again, as a crash between the call and this write always could (at least once).
      // The delivery's slot is not held for an fsync; the next durable commit makes it durable.
      return writes.run(() => advanceSqliteDelivery(statement, input), { durable: false });
    },

    release(owner, now) {
      return writes.run(
        () =>
          Number(
            statement(
              "UPDATE deliveries SET status = 'pending', lease_owner = NULL, next_attempt_at = ?, updated_at = ? WHERE status = 'running' AND lease_owner = ?",
            ).run(now, now, owner).changes,
          ),
        { durable: false },
      );
    },

    ...createSqlitePauses(writes, statement),

    ...createSqliteAlertIssues(writes, statement),

    nextDueAt() {
      const row = statement(
        "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'running')",
      ).get();
      return Promise.resolve((row?.at as number | null | undefined) ?? null);
    },

    ...createSqliteAdminReads(statement),
    ...createOperatorLists(sql),
    ...createOperatorChanges(sql),
    ...createTargetStates(sql),

    async addDeliveries(eventId, deliveries, now) {
      await writes.run(() => insertSqliteDeliveries(statement, eventId, deliveries, now));
    },

    notifyChanged() {
      // one process per SQLite file: the caller wakes its own dispatcher
      return Promise.resolve();
    },

    async purge(before, now) {
      const purged = await purgeSqlite(writes, statement, before, now);
      await reclaimSqliteSpace(writes, db);
      return purged;
    },

    sizeBytes() {
      return measureSqliteSize(statement, path);
    },

    watch() {
      // one process per SQLite file: its own ingests wake its dispatcher directly
      return Promise.resolve();
    },

    async ping() {
      await guard?.verify();
      // a real write, committed and synced like an ingest: one probe at a time, however many ask
      probing ??= writes
        .run(() => {
          const version = Number(statement("PRAGMA user_version").get()?.user_version);
          db.exec(`PRAGMA user_version = ${version}`); // rewrites the header, changes nothing
        })
        .finally(() => (probing = undefined));
      await probing;
    },

    async close() {
      clearInterval(watch);
      await writes.drain();
      await guard?.verify().catch(() => undefined); // lost files: saved before the process goes
      await wal?.close();
      await checkpointer?.close();
      if (db.isOpen) db.close();
    },
  };
}
