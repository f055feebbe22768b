import type { PreparedIngest } from "./insert-postgres-events.ts";
import type { IngestResult } from "./store.ts";

export interface IngestBatchOptions {
  /** Statements in flight at once; ingests arriving meanwhile wait and go together. */
  maxInFlight?: number;
  /** Events in one statement. */
  maxEvents?: number;
  /** Bytes of events rows in one statement (a single larger event still goes, alone). */
  maxBytes?: number;
}

interface Waiting {
  ingest: PreparedIngest;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for PostgreSQL ingests: while `maxInFlight` statements run, new ingests queue,
 * and the next statement writes all that queued (up to the limits) as one multi-row insert, one
 * round trip and one commit for all. An idle store writes each ingest at once. Two events with
 * one dedupe key never share a statement (the later waits for the next). When a statement of
 * several fails, each of its events is tried alone, in order, so one bad event fails only its own
 * ingest.
 */
export function batchPostgresIngests(
  insert: (ingests: readonly PreparedIngest[]) => Promise<IngestResult[]>,
  { maxInFlight = 3, maxEvents = 100, maxBytes = 4_000_000 }: IngestBatchOptions = {},
): (ingest: PreparedIngest) => Promise<IngestResult> {
  const queue: Waiting[] = [];
  let inFlight = 0;

  // In arrival order, stopping at the first that does not fit, so a later event never gets an
  // earlier seq (the order of an order key's deliveries) than one that came before it.
  const take = (): Waiting[] => {
    const keys = new Set<string>();
    let bytes = 0;
    let count = 0;
    for (const { ingest } of queue) {
      const key = ingest.input.dedupe && `${ingest.input.event.source}\n${ingest.input.dedupe.key}`;
      const full = count === maxEvents || (count > 0 && bytes + ingest.row.length > maxBytes);
      if (full || (key !== undefined && keys.has(key))) break;
      if (key !== undefined) keys.add(key);
      bytes += ingest.row.length;
      count += 1;
    }
    return queue.splice(0, count);
  };

  const settle = async (batch: readonly Waiting[]): Promise<void> => {
    try {
      const results = await insert(batch.map((w) => w.ingest));
      for (const [i, w] of batch.entries()) {
        const result = results[i];
        if (result) w.resolve(result);
        else w.reject(new Error("the ingest statement returned fewer results than events"));
      }
    } catch (error) {
      const [only] = batch;
      if (only && batch.length === 1) only.reject(error);
      else for (const w of batch) await settle([w]);
    }
  };

  const flush = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take();
      inFlight += 1;
      void settle(batch).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  };

  return (ingest) =>
    new Promise<IngestResult>((resolve, reject) => {
      queue.push({ ingest, resolve, reject });
      flush();
    });
}
