import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { Logger } from "pino";
import { createFileSyncer } from "./file-syncer.ts";
import { guardDatabaseFile } from "./guard-database-file.ts";
import { createGroupCommit } from "./group-commit.ts";
import { hashIngestKeys, loadKeyHasher, type KeyHasher } from "./key-hasher.ts";
import { parseJsonText, readDeliveryRow, readEventRow } from "./read-rows.ts";
import { readMigrations } from "./read-migrations.ts";
import type {
  Attempt,
  ClaimedDelivery,
  DeliveryRow,
  DeliveryStatus,
  IngestResult,
  Store,
  StoreStats,
} from "./store.ts";

type Row = Record<string, SQLInputValue>;

const DELIVERY_COLUMNS = `id, event_id, route_id, route_snapshot, status, next_action, outputs, attempts, order_key,
  next_target, created_at, wait_since, next_attempt_at, last_error, updated_at`;

/** `sqlite:./data/botbridge.db` -> `./data/botbridge.db` (`sqlite::memory:` for tests). */
export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, "");
}

/**
 * The embedded store on Node's built-in SQLite: WAL, and group commit so concurrent ingests share
 * one transaction whose callers hear of it once the WAL is fsynced (a 2xx means the event is on
 * disk); the fsync runs on the thread pool, so the event loop serves requests meanwhile.
 */
export function openSqliteStore(url: string, options: { log?: Pick<Logger, "error"> } = {}): Store {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
  );
  // the WAL is made durable by an fsync on the thread pool, not by a COMMIT that blocks the loop;
  // a commit is acknowledged only while its files are still the ones at their paths
  const wal = path === ":memory:" ? undefined : createFileSyncer(`${path}-wal`);
  const guard = path === ":memory:" ? undefined : guardDatabaseFile(db, path, options.log);
  const writes = createGroupCommit(db, {
    ...(wal && guard ? { syncLog: () => wal.sync().then(() => guard.verify()) } : {}),
    blocked: () => guard?.lost(),
  });
  // noticed without traffic too, so the live database is saved before anyone restarts
  const watch = guard && setInterval(() => void guard.verify().catch(() => undefined), 5_000);
  watch?.unref();
  let probing: Promise<void> | undefined;
  const statement = cache(db);
  let hashKey: KeyHasher | undefined;

  const toEvent = (row: Row): InboundEvent => readEventRow(row, parseJsonText);
  const toDelivery = (row: Row): DeliveryRow => readDeliveryRow(row, parseJsonText);

  return {
    kind: "sqlite",

    async migrate() {
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
      const { event, deliveries, dedupe } = hashIngestKeys(input, hashKey);
      return writes.run((): IngestResult => {
        const now = Date.parse(event.received_at);
        if (dedupe) {
          const seen = statement(
            "SELECT event_id FROM dedupe_keys WHERE source = ? AND key = ? AND expires_at > ?",
          ).get(event.source, dedupe.key, now);
          if (seen) return { duplicate: true, event_id: seen.event_id as string };
          statement(
            "INSERT OR REPLACE INTO dedupe_keys (source, key, event_id, expires_at) VALUES (?, ?, ?, ?)",
          ).run(event.source, dedupe.key, event.id, dedupe.expires_at);
        }
        statement(
          "INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ).run(
          event.id,
          event.source,
          now,
          event.method,
          event.path,
          event.content_type,
          JSON.stringify(event.query),
          JSON.stringify(event.headers),
          event.body === undefined ? null : JSON.stringify(event.body),
        );
        const insert = statement(
          "INSERT INTO deliveries (id, event_id, route_id, route_snapshot, status, next_attempt_at, order_key, next_target, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
        );
        for (const d of deliveries) {
          insert.run(
            d.id,
            event.id,
            d.route_id,
            JSON.stringify(d.route_snapshot),
            now,
            d.order_key,
            d.next_target,
            now,
            now,
          );
        }
        return { duplicate: false, event_id: event.id };
      });
    },

    async claim({ owner, now, limit, lease_ms }) {
      const rows = await writes.run(
        () =>
          statement(`UPDATE deliveries SET status = 'running', lease_owner = :owner, next_attempt_at = :lease_until, updated_at = :now
          WHERE seq IN (
            SELECT d.seq FROM deliveries d INDEXED BY deliveries_due
            WHERE d.status IN ('pending', 'running') AND d.next_attempt_at <= :now
              AND (d.order_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM deliveries e WHERE e.order_key = d.order_key AND e.status IN ('pending', 'running') AND e.seq < d.seq))
              AND (d.next_target IS NULL OR d.next_target NOT IN (SELECT target FROM target_pauses WHERE until > :now))
            ORDER BY d.next_attempt_at, d.seq
            LIMIT :limit)
          RETURNING ${DELIVERY_COLUMNS}`).all({ owner, now, lease_until: now + lease_ms, limit }),
        // A lease lost to a power cut only lets the delivery be claimed again: no fsync needed.
        { durable: false },
      );
      if (rows.length === 0) return [];
      const eventIds = [...new Set(rows.map((r) => r.event_id as string))];
      const events = new Map(
        statement("SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))")
          .all(JSON.stringify(eventIds))
          .map((r) => [r.id as string, toEvent(r)]),
      );
      return rows.flatMap((row): ClaimedDelivery[] => {
        const event = events.get(row.event_id as string);
        if (!event) return [];
        const d = toDelivery(row);
        return [
          {
            ...d,
            event,
            route_snapshot: JSON.parse(row.route_snapshot as string) as Record<string, unknown>,
            wait_since: row.wait_since as number | null,
          },
        ];
      });
    },

    advance({ delivery_id, owner, now, change, attempt }) {
      return writes.run(() => {
        const sets = ["status = :status", "updated_at = :now", "lease_owner = :lease_owner"];
        const params: Row = {
          id: delivery_id,
          owner,
          status: change.status,
          now,
          lease_owner: change.status === "running" ? owner : null,
        };
        const optional: [keyof typeof change, string, (v: unknown) => SQLInputValue][] = [
          ["next_action", "next_action", (v) => v as number],
          ["outputs", "outputs", (v) => JSON.stringify(v)],
          ["attempts", "attempts", (v) => v as number],
          ["next_attempt_at", "next_attempt_at", (v) => v as number],
          ["next_target", "next_target", (v) => v as string | null],
          ["last_error", "last_error", (v) => v as string | null],
          ["wait_since", "wait_since", (v) => v as number | null],
        ];
        for (const [key, column, encode] of optional) {
          if (change[key] === undefined) continue;
          sets.push(`${column} = :${column}`);
          params[column] = encode(change[key]);
        }
        const updated = statement(
          `UPDATE deliveries SET ${sets.join(", ")} WHERE id = :id AND status = 'running' AND lease_owner = :owner`,
        ).run(params);
        if (Number(updated.changes) === 0) return false;
        if (attempt) {
          statement(
            `INSERT INTO attempts (delivery_id, action_index, action_type, target, started_at, duration_ms, outcome, exchanges, response_status, response_body, error_code, error_message)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            delivery_id,
            attempt.action_index,
            attempt.action_type,
            attempt.target,
            attempt.started_at,
            attempt.duration_ms,
            attempt.outcome,
            JSON.stringify(attempt.exchanges),
            attempt.response_status,
            attempt.response_body,
            attempt.error_code,
            attempt.error_message,
          );
        }
        return true;
      });
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

    async pauseTarget(target, until, reason) {
      await writes.run(() =>
        statement(
          "INSERT INTO target_pauses (target, until, reason) VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason",
        ).run(target, until, reason),
      );
    },

    pausedTargets(now) {
      const rows = statement("SELECT target, until FROM target_pauses WHERE until > ?").all(now);
      return Promise.resolve(new Map(rows.map((r) => [r.target as string, r.until as number])));
    },

    nextDueAt() {
      const row = statement(
        "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'running')",
      ).get();
      return Promise.resolve((row?.at as number | null | undefined) ?? null);
    },

    getEvent(id) {
      const row = statement("SELECT * FROM events WHERE id = ?").get(id);
      return Promise.resolve(row ? toEvent(row) : null);
    },

    listDeliveries({ event_id, status, limit = 100 }) {
      const rows = statement(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE (:event_id IS NULL OR event_id = :event_id) AND (:status IS NULL OR status = :status) ORDER BY seq LIMIT :limit`,
      ).all({ event_id: event_id ?? null, status: status ?? null, limit });
      return Promise.resolve(rows.map(toDelivery));
    },

    listAttempts(delivery_id) {
      const rows = statement("SELECT * FROM attempts WHERE delivery_id = ? ORDER BY id").all(
        delivery_id,
      );
      return Promise.resolve(
        rows.map((r): Attempt => ({
          id: r.id as number,
          delivery_id: r.delivery_id as string,
          action_index: r.action_index as number,
          action_type: r.action_type as string,
          target: r.target as string | null,
          started_at: r.started_at as number,
          duration_ms: r.duration_ms as number,
          outcome: r.outcome as Attempt["outcome"],
          exchanges: JSON.parse(r.exchanges as string) as Attempt["exchanges"],
          response_status: r.response_status as number | null,
          response_body: r.response_body as string | null,
          error_code: r.error_code as string | null,
          error_message: r.error_message as string | null,
        })),
      );
    },

    stats() {
      const events = statement("SELECT count(*) AS n FROM events").get()?.n as number;
      const deliveries: StoreStats["deliveries"] = {
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const row of statement(
        "SELECT status, count(*) AS n FROM deliveries GROUP BY status",
      ).all()) {
        deliveries[row.status as DeliveryStatus] = row.n as number;
      }
      return Promise.resolve({ events, deliveries });
    },

    async purge(before, now) {
      let total = 0;
      for (;;) {
        const deleted = await writes.run(() =>
          Number(
            statement(`DELETE FROM events WHERE id IN (
              SELECT id FROM events ev WHERE received_at < ?
                AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
              LIMIT 1000)`).run(before).changes,
          ),
        );
        total += deleted;
        if (deleted < 1000) break;
      }
      await writes.run(() => statement("DELETE FROM dedupe_keys WHERE expires_at <= ?").run(now));
      return total;
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
      if (db.isOpen) db.close();
    },
  };
}

/** Prepared statements, prepared once per SQL text. */
function cache(db: DatabaseSync) {
  const prepared = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  return (sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      prepared.set(sql, stmt);
    }
    return stmt;
  };
}
