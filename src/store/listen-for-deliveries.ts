import pg from "pg";
import { postgresClientConfig, type PostgresOptions } from "./create-postgres-pool.ts";

/** The channel every instance's ingest notifies; the payload is the schema, so schemas that share a database do not wake each other. */
export const DUE_CHANNEL = "botbridge_due";

export interface DeliveryListener {
  /** Settles once the first attempt to listen has succeeded or failed (then retries go on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps one connection LISTENing on DUE_CHANNEL and calls `onDue` for every notification about
 * this store's schema: `changed` when an operator's change (a retry, a pause, a resume) was
 * notified as `<schema> changed`, so pauses are read again. A lost connection is opened again with backoff (1 s doubling to 30 s), and
 * `onDue` is called after each reconnect, since notifications sent meanwhile are lost; the
 * dispatcher's polling covers the gap either way.
 */
export function listenForDeliveries(
  url: string,
  options: PostgresOptions,
  onDue: (changed: boolean) => void,
): DeliveryListener {
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (closed || timer) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref();
  };

  const connect = async () => {
    const next = new pg.Client({ ...postgresClientConfig(url, options), query_timeout: 10_000 });
    next.on("error", (error) => {
      options.log?.warn({ err: error, code: "store_unavailable" }, "delivery listener lost");
      client = undefined;
      next.end().catch(() => undefined);
      retry();
    });
    try {
      await next.connect();
      const { rows } = await next.query<{ schema: string }>("SELECT current_schema() AS schema");
      const schema = rows[0]?.schema ?? "public";
      next.on("notification", (message) => {
        if (message.payload === schema) onDue(false);
        else if (message.payload === `${schema} changed`) onDue(true);
      });
      await next.query(`LISTEN ${DUE_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      if (failures > 0) onDue(true);
      failures = 0;
    } catch (error) {
      options.log?.warn({ err: error, code: "store_unavailable" }, "cannot listen for deliveries");
      await next.end().catch(() => undefined);
      retry();
    }
  };
  const ready = connect();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
