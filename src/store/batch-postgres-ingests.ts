import type pg from "pg";
import { insertPostgresEvent } from "./insert-postgres-event.ts";
import type { IngestInput, IngestResult } from "./store.ts";

interface Waiting {
  input: IngestInput;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for PostgreSQL ingests: those that arrive during one turn of the event loop run
 * on one connection in one transaction, so the database flushes its WAL once for all of them
 * instead of once each (the ingest statement itself is unchanged: one round trip per event). A
 * batch that fails is tried again one ingest at a time, each in a transaction of its own, so
 * every caller gets its own answer: one event's error never fails another's webhook.
 */
export function batchPostgresIngests(
  pool: pg.Pool,
  maxBatch = 64,
): (input: IngestInput) => Promise<IngestResult> {
  const queue: Waiting[] = [];
  let scheduled = false;

  const one = (w: Waiting): Promise<void> =>
    insertPostgresEvent(pool, w.input).then(w.resolve, w.reject);

  const together = async (batch: Waiting[]): Promise<void> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch {
      await Promise.all(batch.map(one)); // each gets the outage as its own error
      return;
    }
    let failed: unknown;
    try {
      await client.query("BEGIN");
      const results: [Waiting, IngestResult][] = [];
      for (const w of batch) results.push([w, await insertPostgresEvent(client, w.input)]);
      await client.query("COMMIT");
      for (const [w, result] of results) w.resolve(result);
    } catch (error) {
      failed = error;
      await client.query("ROLLBACK").catch(() => undefined);
    } finally {
      // a connection whose transaction failed may be broken: the pool drops it
      client.release(failed instanceof Error ? failed : undefined);
    }
    if (failed !== undefined) await Promise.all(batch.map(one));
  };

  const flush = (): void => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    const [only] = batch;
    void (batch.length === 1 && only ? one(only) : together(batch));
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (input) =>
    new Promise<IngestResult>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}
