import { advancePostgresDelivery } from "./advance-postgres-delivery.ts";
import { claimPostgresDeliveries } from "./claim-postgres-deliveries.ts";
import { createPostgresAdminReads } from "./create-postgres-admin-reads.ts";
import { createPostgresAlertIssues } from "./create-postgres-alert-issues.ts";
import { createOperatorChanges } from "./create-operator-changes.ts";
import { createOperatorLists } from "./create-operator-lists.ts";
import { createPostgresPauses } from "./create-postgres-pauses.ts";
import { createTargetStates } from "./create-target-states.ts";
import { createPostgresPool, type PostgresOptions } from "./create-postgres-pool.ts";
import { batchPostgresWrites } from "./batch-postgres-writes.ts";
import {
  insertPostgresDeliveries,
  insertPostgresEvents,
  preparePostgresIngest,
  type PreparedIngest,
} from "./insert-postgres-events.ts";
import {
  DUE_CHANNEL,
  listenForDeliveries,
  type DeliveryListener,
} from "./listen-for-deliveries.ts";
import { hashIngestKeys, loadKeyHasher, type KeyHasher } from "./key-hasher.ts";
import { mayBeOneRow } from "./may-be-one-row.ts";
import { measurePostgresSize } from "./measure-postgres-size.ts";
import { migratePostgres } from "./migrate-postgres.ts";
import { postgresSqlRunner } from "./postgres-sql-runner.ts";
import { purgePostgres } from "./purge-postgres.ts";
import type { Store } from "./store.ts";

type Row = Record<string, unknown>;

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
  const sql = postgresSqlRunner(pool);
  const ingest = batchPostgresWrites(
    (ingests: readonly PreparedIngest[]) => insertPostgresEvents(pool, ingests),
    {
      bytesOf: (i) => i.row.length,
      // one statement cannot take a dedupe key twice
      keyOf: ({ input }) => input.dedupe && `${input.event.source}\n${input.dedupe.key}`,
      mayBeOneItem: mayBeOneRow,
    },
  );

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
      // hashed in here, so an unmigrated store rejects rather than throws
      const hashed = hashIngestKeys(input, hashKey);
      return ingest(preparePostgresIngest(hashed));
    },

    claim(input) {
      return claimPostgresDeliveries(pool, input);
    },

    advance(input) {
      return advancePostgresDelivery(pool, input);
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

    ...createPostgresPauses(pool),
    ...createPostgresAlertIssues(pool),

    async nextDueAt() {
      const [row] = await rows(
        "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'running')",
      );
      return (row?.at as number | null | undefined) ?? null;
    },

    ...createPostgresAdminReads(pool),
    ...createOperatorLists(sql),
    ...createOperatorChanges(sql),
    ...createTargetStates(sql),

    addDeliveries(eventId, deliveries, now) {
      return insertPostgresDeliveries(pool, eventId, deliveries, now);
    },

    async notifyChanged() {
      await pool.query("SELECT pg_notify($1, current_schema() || ' changed')", [DUE_CHANNEL]);
    },

    purge(before, now) {
      return purgePostgres(pool, before, now);
    },

    sizeBytes() {
      return measurePostgresSize(pool);
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
