import type pg from "pg";
import { hashRouteSnapshot } from "./hash-route-snapshot.ts";

/**
 * The data step after migration 0003: each distinct route snapshot the deliveries carry is
 * stored once in route_snapshots, and the deliveries name it by hash (0004 then drops their
 * copies). Runs in the migration's transaction.
 */
export async function movePostgresRouteSnapshots(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ text: string }>(
    "SELECT DISTINCT route_snapshot::text AS text FROM deliveries WHERE route_hash IS NULL",
  );
  for (const { text } of rows) {
    const hash = hashRouteSnapshot(JSON.parse(text) as Record<string, unknown>);
    await client.query(
      "INSERT INTO route_snapshots (hash, snapshot) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
      [hash, text],
    );
    await client.query(
      "UPDATE deliveries SET route_hash = $1 WHERE route_hash IS NULL AND route_snapshot::text = $2",
      [hash, text],
    );
  }
}
