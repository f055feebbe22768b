import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { hashRouteSnapshot } from "../src/store/hash-route-snapshot.ts";

/**
 * A month of history for the list benchmark, written by bulk SQL into a migrated, empty store
 * (not through ingest one by one): `count` events evenly over 30 days before `end`, from 50,000
 * customers (so a phone finds about count/50,000 events), 3 sources, 1.2 deliveries per event
 * over 6 routes and 3 targets (95% succeeded, 3% failed with 3 error codes, 1% cancelled, the
 * last 2,000 pending), 8 search terms per event, an attempt for every failure and every 10th
 * success.
 */
export interface ListSeed {
  count: number;
  end: number;
}

export const CUSTOMERS = 50_000;
const ROUTES = [1, 2, 3, 4, 5, 6].map((n) => {
  const target = n <= 2 || n === 6 ? "crm" : n <= 4 ? "bothelp" : "metabot";
  const snapshot = { id: `r${n}`, source: "tilda", actions: [{ type: "http.request", target }] };
  return {
    route: `r${n}`,
    target,
    hash: hashRouteSnapshot(snapshot),
    snapshot: JSON.stringify(snapshot),
  };
});

/** The SQL both stores run, with the few functions that differ passed in. */
function seedSql(d: {
  json: (v: string) => string;
  hex: (v: string, w: number) => string;
  pad: (v: string) => string;
  range: string;
}) {
  const id = (variant: string) =>
    `${d.hex("ms / 65536", 8)} || '-' || ${d.hex("ms % 65536", 4)} || '-7' || ${d.hex("i % 4096", 3)} || '-${variant}' || ${d.hex("(i / 4096) % 4096", 3)} || '-' || ${d.hex("i", 12)}`;
  const base = `SELECT i, ms, i % ${CUSTOMERS} AS c FROM (SELECT i, $2 + i * $3 AS ms FROM ${d.range}) s`;
  const status = `CASE WHEN i >= $4 THEN 'pending' WHEN i % 100 IN (7, 37, 77) THEN 'failed' WHEN i % 100 = 55 THEN 'cancelled' ELSE 'succeeded' END`;
  const error = `CASE WHEN i % 100 NOT IN (7, 37, 77) OR i >= $4 THEN NULL WHEN i % 3 = 0 THEN 'http_401: Unauthorized'
    WHEN i % 3 = 1 THEN 'http_503: Service Unavailable' ELSE 'max_age_exceeded: still failing after 24 h' END`;
  const phone = `'+7912' || ${d.pad("c")}`;
  return {
    events: `INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body, terms)
      SELECT ${id("8")}, CASE i % 10 WHEN 0 THEN 'amocrm' WHEN 1 THEN 'typeform' WHEN 2 THEN 'typeform' WHEN 3 THEN 'typeform' ELSE 'tilda' END,
        ms, 'POST', '/hooks/tilda', 'application/json', '{}', '{"content-type":"application/json"}',
        ${d.json(`'{"name":"Client ' || c || '","phone":"' || ${phone} || '","email":"client' || c || '@example.com","form":"Order"}'`)},
        TERMS FROM (${base}) b`,
    terms: `INSERT INTO event_terms (term, event_id)
      SELECT CASE k.k WHEN 0 THEN ${phone} WHEN 1 THEN 'client' || c || '@example.com' WHEN 2 THEN 'client'
        WHEN 3 THEN '' || c WHEN 4 THEN 'order' WHEN 5 THEN 'example' WHEN 6 THEN 'com' ELSE substr(${phone}, 2) END, ${id("8")}
      FROM (${base}) b CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
        UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) k
      ORDER BY 1, 2`,
    deliveries: `INSERT INTO deliveries (id, event_id, route_id, route_hash, status, next_attempt_at, attempts, next_action, outputs,
        next_target, last_error, created_at, updated_at, run_since)
      SELECT ${id("9")} || r.extra, ${id("8")}, r.route_id, r.hash, ${status}, ms, 0, CASE WHEN ${status} = 'succeeded' THEN 1 ELSE 0 END, '{}',
        r.target, ${error}, ms, ms, ms
      FROM (${base}) b JOIN bench_routes r ON r.route_id = 'r' || (i % 5 + 1) OR (r.route_id = 'r6' AND i % 5 = 0)
      ORDER BY i, r.extra`,
    attempts: `INSERT INTO attempts (delivery_id, action_index, action_type, target, started_at, duration_ms, outcome, exchanges,
        response_status, error_code, error_message)
      SELECT d.id, 0, 'http.request', d.next_target, d.updated_at, 40, CASE d.status WHEN 'failed' THEN 'failed' ELSE 'ok' END, '[]',
        CASE d.status WHEN 'failed' THEN 503 ELSE 200 END, CASE d.status WHEN 'failed' THEN 'http_503' END,
        CASE d.status WHEN 'failed' THEN 'Service Unavailable' END
      FROM deliveries d WHERE d.status = 'failed' OR (d.status = 'succeeded' AND d.seq % 10 = 0) ORDER BY d.seq`,
  };
}

const TERMS_SQLITE = `'["' || '+7912' || printf('%07d', c) || '","client' || c || '@example.com","client","' || c || '","order","example","com","7912' || printf('%07d', c) || '"]'`;

/** Seeds the SQLite file at `path` (migrated, empty), in chunks of 100,000 events, without fsync. */
export function seedSqliteLists(path: string, { count, end }: ListSeed): void {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;");
  const sql = seedSql({
    json: (v) => v,
    hex: (v, w) => `printf('%0${w}x', ${v})`,
    pad: (v) => `printf('%07d', ${v})`,
    range:
      "(WITH RECURSIVE n(i) AS (SELECT $5 UNION ALL SELECT i + 1 FROM n WHERE i < $6) SELECT i FROM n)",
  });
  const fix = (text: string) => text.replace(/\$(\d)/g, "?$1");
  db.exec("CREATE TEMP TABLE bench_routes (route_id TEXT, target TEXT, hash TEXT, extra TEXT)");
  for (const r of ROUTES) {
    db.prepare("INSERT INTO bench_routes VALUES (?, ?, ?, ?)").run(
      r.route,
      r.target,
      r.hash,
      r.route === "r6" ? "b" : "a",
    );
    db.prepare("INSERT OR IGNORE INTO route_snapshots (hash, snapshot) VALUES (?, ?)").run(
      r.hash,
      r.snapshot,
    );
  }
  const step = Math.floor((30 * 86_400_000) / count);
  const start = end - count * step;
  const statements = [
    fix(sql.events.replace("TERMS", TERMS_SQLITE)),
    fix(sql.terms),
    fix(sql.deliveries),
  ].map((s) => db.prepare(s));
  for (let from = 0; from < count; from += 100_000) {
    db.exec("BEGIN");
    // BigInts are bound as INTEGER; a JavaScript number as REAL, and 'r' || 3.0 is 'r3.0'
    const params = [start, step, count - 2000, from, Math.min(count, from + 100_000) - 1];
    for (const s of statements) s.run(null, ...params.map(BigInt));
    db.exec("COMMIT");
  }
  db.exec(fix(sql.attempts));
  db.exec("ANALYZE; PRAGMA journal_mode = WAL;");
  db.close();
}

/** Seeds the PostgreSQL schema of `url` (migrated, empty) in one transaction, then VACUUM ANALYZE. */
export async function seedPostgresLists(url: string, { count, end }: ListSeed): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = seedSql({
      json: (v) => `(${v})::json`,
      hex: (v, w) => `lpad(to_hex((${v})::bigint), ${w}, '0')`,
      pad: (v) => `lpad((${v})::text, 7, '0')`,
      range: "generate_series(0, $1::bigint - 1) AS g(i)",
    });
    const step = Math.floor((30 * 86_400_000) / count);
    const params = [count, end - count * step, step, count - 2000];
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query("BEGIN");
    await client.query(
      "CREATE TEMP TABLE bench_routes (route_id text, target text, hash text, extra text) ON COMMIT DROP",
    );
    for (const r of ROUTES) {
      await client.query("INSERT INTO bench_routes VALUES ($1, $2, $3, $4)", [
        r.route,
        r.target,
        r.hash,
        r.route === "r6" ? "b" : "a",
      ]);
      await client.query("INSERT INTO route_snapshots VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        r.hash,
        r.snapshot,
      ]);
    }
    const terms = `ARRAY['+7912' || lpad(c::text, 7, '0'), 'client' || c || '@example.com', 'client', c::text, 'order', 'example', 'com', '7912' || lpad(c::text, 7, '0')]`;
    // each statement gets the parameters up to the last it names (PostgreSQL types every one)
    for (const text of [
      sql.events.replace("TERMS", terms),
      sql.terms,
      sql.deliveries,
      sql.attempts,
    ]) {
      const used = Math.max(0, ...[...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
      await client.query(text, params.slice(0, used));
    }
    await client.query("COMMIT");
    // what autovacuum does to a loaded table: statistics and the visibility map
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
