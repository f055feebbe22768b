import { alreadyParsed, readDeliveryRow, readEventRow } from "./read-rows.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { createPostgresPool, type PostgresOptions } from "./create-postgres-pool.ts";
import {
  DUE_CHANNEL,
  listenForDeliveries,
  type DeliveryListener,
} from "./listen-for-deliveries.ts";
import { hashIngestKeys, loadKeyHasher, type KeyHasher } from "./key-hasher.ts";
import { migratePostgres } from "./migrate-postgres.ts";
import type {
  Attempt,
  ClaimedDelivery,
  DeliveryRow,
  DeliveryStatus,
  Store,
  StoreStats,
} from "./store.ts";

type Row = Record<string, unknown>;

const DELIVERY_COLUMNS = `d.id, d.event_id, d.route_id, d.route_snapshot, d.status, d.next_action, d.outputs,
  d.attempts, d.order_key, d.next_target, d.created_at, d.wait_since, d.next_attempt_at, d.last_error, d.updated_at`;

/**
 * The store for several instances on one PostgreSQL database (plain SQL on `pg`). Claims lock
 * rows with FOR UPDATE SKIP LOCKED so concurrent instances never take one delivery twice, and
 * only the earliest unfinished delivery of an order key can be claimed, so one key never runs
 * twice at once across instances. Ingest notifies DUE_CHANNEL on commit to wake idle instances.
 */
export function openPostgresStore(url: string, options: PostgresOptions = {}): Store {
  const pool = createPostgresPool(url, options);
  const listeners: DeliveryListener[] = [];
  let hashKey: KeyHasher | undefined;

  const rows = async (sql: string, params: unknown[] = []) =>
    (await pool.query<Row>(sql, params)).rows;

  return {
    kind: "postgres",

    async migrate() {
      await migratePostgres(pool);
      hashKey = await loadKeyHasher({
        insertIfAbsent: (name, value) =>
          pool.query(
            "INSERT INTO store_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            [name, value],
          ),
        read: async (name) =>
          (await rows("SELECT value FROM store_secrets WHERE name = $1", [name]))[0]?.value,
      });
    },

    async ingest(input) {
      const { event, deliveries, dedupe } = hashIngestKeys(input, hashKey);
      // One statement, one round trip, atomic: the dedupe key is taken (or, while unexpired, the
      // stored one kept: a concurrent ingest of the same key waits here for the first), and only
      // when it was ours are the event and its deliveries inserted and the instances notified.
      const [row] = await rows(
        `WITH kept AS (
           INSERT INTO dedupe_keys AS k (source, key, event_id, expires_at)
           SELECT $2, $10, $1, $11 WHERE $10::text IS NOT NULL
           ON CONFLICT (source, key) DO UPDATE SET
             event_id = CASE WHEN k.expires_at > $3 THEN k.event_id ELSE excluded.event_id END,
             expires_at = CASE WHEN k.expires_at > $3 THEN k.expires_at ELSE excluded.expires_at END
           RETURNING event_id),
         stored AS (
           INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
           WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept.event_id <> $1)
           RETURNING id),
         queued AS (
           INSERT INTO deliveries (id, event_id, route_id, route_snapshot, status, next_attempt_at, order_key, next_target, created_at, updated_at)
           SELECT x.id, stored.id, x.route_id, x.route_snapshot, 'pending', $3, x.order_key, x.next_target, $3, $3
           FROM stored, json_to_recordset($12::json) AS x(id text, route_id text, route_snapshot json, order_key text, next_target text)
           RETURNING 1)
         SELECT (SELECT event_id FROM kept) AS kept,
           (SELECT count(*) FROM (SELECT pg_notify($13, current_schema()) FROM queued LIMIT 1) n) AS notified`,
        [
          event.id,
          event.source,
          Date.parse(event.received_at),
          event.method,
          event.path,
          event.content_type,
          JSON.stringify(event.query),
          JSON.stringify(event.headers),
          event.body === undefined ? null : JSON.stringify(event.body),
          dedupe?.key ?? null,
          dedupe?.expires_at ?? null,
          JSON.stringify(deliveries),
          DUE_CHANNEL,
        ],
      );
      const kept = row?.kept as string | null | undefined;
      return kept && kept !== event.id
        ? { duplicate: true, event_id: kept }
        : { duplicate: false, event_id: event.id };
    },

    async claim({ owner, now, limit, lease_ms }) {
      const claimed = await rows(
        `WITH due AS (
           SELECT d.seq FROM deliveries d
           WHERE d.status IN ('pending', 'running') AND d.next_attempt_at <= $2
             AND (d.order_key IS NULL OR NOT EXISTS (
               SELECT 1 FROM deliveries e WHERE e.order_key = d.order_key AND e.status IN ('pending', 'running') AND e.seq < d.seq))
             AND (d.next_target IS NULL OR d.next_target NOT IN (SELECT target FROM target_pauses WHERE until > $2))
           ORDER BY d.next_attempt_at, d.seq
           LIMIT $4
           FOR UPDATE OF d SKIP LOCKED)
         UPDATE deliveries d SET status = 'running', lease_owner = $1, next_attempt_at = $3, updated_at = $2
         FROM due, events ev
         WHERE d.seq = due.seq AND ev.id = d.event_id
         RETURNING ${DELIVERY_COLUMNS}, ev.source AS ev_source, ev.received_at AS ev_received_at,
           ev.method AS ev_method, ev.path AS ev_path, ev.content_type AS ev_content_type,
           ev.query AS ev_query, ev.headers AS ev_headers, ev.body AS ev_body`,
        [owner, now, now + lease_ms, limit],
      );
      return claimed.map((row): ClaimedDelivery => ({
        ...toDelivery(row),
        event: toEvent({
          id: row.event_id,
          source: row.ev_source,
          received_at: row.ev_received_at,
          method: row.ev_method,
          path: row.ev_path,
          content_type: row.ev_content_type,
          query: row.ev_query,
          headers: row.ev_headers,
          body: row.ev_body,
        }),
        route_snapshot: row.route_snapshot as Record<string, unknown>,
        wait_since: row.wait_since as number | null,
      }));
    },

    async advance({ delivery_id, owner, now, change, attempt }) {
      const has = (value: unknown) => value !== undefined;
      const params: unknown[] = [
        delivery_id,
        owner,
        change.status,
        now,
        change.status === "running" ? owner : null,
        has(change.next_action),
        change.next_action ?? null,
        has(change.outputs),
        change.outputs === undefined ? null : JSON.stringify(change.outputs),
        has(change.attempts),
        change.attempts ?? null,
        has(change.next_attempt_at),
        change.next_attempt_at ?? null,
        has(change.next_target),
        change.next_target ?? null,
        has(change.last_error),
        change.last_error ?? null,
        has(change.wait_since),
        change.wait_since ?? null,
        attempt
          ? JSON.stringify({ ...attempt, exchanges: JSON.stringify(attempt.exchanges) })
          : null,
      ];
      // One statement, so the attempt and the change commit together or not at all.
      const result = await rows(
        `WITH moved AS (
           UPDATE deliveries SET status = $3, updated_at = $4, lease_owner = $5,
             next_action = CASE WHEN $6 THEN $7::integer ELSE next_action END,
             outputs = CASE WHEN $8 THEN $9::json ELSE outputs END,
             attempts = CASE WHEN $10 THEN $11::integer ELSE attempts END,
             next_attempt_at = CASE WHEN $12 THEN $13::bigint ELSE next_attempt_at END,
             next_target = CASE WHEN $14 THEN $15::text ELSE next_target END,
             last_error = CASE WHEN $16 THEN $17::text ELSE last_error END,
             wait_since = CASE WHEN $18 THEN $19::bigint ELSE wait_since END
           WHERE id = $1 AND status = 'running' AND lease_owner = $2
           RETURNING id),
         recorded AS (
           INSERT INTO attempts (delivery_id, action_index, action_type, target, started_at, duration_ms, outcome,
             exchanges, response_status, response_body, error_code, error_message)
           SELECT moved.id, a.action_index, a.action_type, a.target, a.started_at, a.duration_ms, a.outcome,
             a.exchanges::json, a.response_status, a.response_body, a.error_code, a.error_message
           FROM moved, json_to_record($20::json) AS a(action_index integer, action_type text, target text,
             started_at bigint, duration_ms integer, outcome text, exchanges text, response_status integer,
             response_body text, error_code text, error_message text)
           WHERE $20::json IS NOT NULL)
         SELECT count(*)::integer AS n FROM moved`,
        params,
      );
      return (result[0]?.n as number) === 1;
    },

    async release(owner, now) {
      const result = await pool.query(
        "UPDATE deliveries SET status = 'pending', lease_owner = NULL, next_attempt_at = $1, updated_at = $1 WHERE status = 'running' AND lease_owner = $2",
        [now, owner],
      );
      if ((result.rowCount ?? 0) > 0)
        await pool.query("SELECT pg_notify($1, current_schema())", [DUE_CHANNEL]);
      return result.rowCount ?? 0;
    },

    async pauseTarget(target, until, reason) {
      await pool.query(
        `INSERT INTO target_pauses (target, until, reason) VALUES ($1, $2, $3)
         ON CONFLICT (target) DO UPDATE SET until = greatest(target_pauses.until, excluded.until), reason = excluded.reason`,
        [target, until, reason],
      );
    },

    async pausedTargets(now) {
      const paused = await rows("SELECT target, until FROM target_pauses WHERE until > $1", [now]);
      return new Map(paused.map((r) => [r.target as string, r.until as number]));
    },

    async nextDueAt() {
      const [row] = await rows(
        "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'running')",
      );
      return (row?.at as number | null | undefined) ?? null;
    },

    async getEvent(id) {
      const [row] = await rows("SELECT * FROM events WHERE id = $1", [id]);
      return row ? toEvent(row) : null;
    },

    async listDeliveries({ event_id, status, limit = 100 }) {
      const found = await rows(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d WHERE ($1::text IS NULL OR d.event_id = $1)
         AND ($2::text IS NULL OR d.status = $2) ORDER BY d.seq LIMIT $3`,
        [event_id ?? null, status ?? null, limit],
      );
      return found.map(toDelivery);
    },

    async listAttempts(delivery_id) {
      const found = await rows("SELECT * FROM attempts WHERE delivery_id = $1 ORDER BY id", [
        delivery_id,
      ]);
      return found.map((r) => ({ ...(r as unknown as Attempt) }));
    },

    async stats() {
      const [count] = await rows("SELECT count(*)::integer AS n FROM events");
      const deliveries: StoreStats["deliveries"] = {
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const row of await rows(
        "SELECT status, count(*)::integer AS n FROM deliveries GROUP BY status",
      ))
        deliveries[row.status as DeliveryStatus] = row.n as number;
      return { events: Number(count?.n ?? 0), deliveries };
    },

    async purge(before, now) {
      let total = 0;
      for (;;) {
        const result = await pool.query(
          `DELETE FROM events WHERE id IN (
             SELECT id FROM events ev WHERE received_at < $1
               AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
             LIMIT 1000)`,
          [before],
        );
        total += result.rowCount ?? 0;
        if ((result.rowCount ?? 0) < 1000) break;
      }
      await pool.query("DELETE FROM dedupe_keys WHERE expires_at <= $1", [now]);
      return total;
    },

    async ping() {
      // a standby after a failover, or default_transaction_read_only: reachable, but every ingest fails
      const { rows } = await pool.query<{ transaction_read_only: string }>(
        "SHOW transaction_read_only",
      );
      if (rows[0]?.transaction_read_only !== "off")
        throw new Error("the database is read-only (transaction_read_only is on)");
    },

    watch(onDue) {
      const listener = listenForDeliveries(url, options, onDue);
      listeners.push(listener);
      return listener.ready;
    },

    async close() {
      await Promise.all(listeners.splice(0).map((l) => l.close()));
      await pool.end();
    },
  };
}

const toEvent = (row: Row): InboundEvent => readEventRow(row, alreadyParsed);
const toDelivery = (row: Row): DeliveryRow => readDeliveryRow(row, alreadyParsed);
