import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Writable } from "node:stream";
import { startBotbridge } from "../src/main.ts";

// How long the console's pages take with a million stored events: `npm run bench:console`.
// The events are spread over 30 days (ids and times alike, as real ones are), each with one
// delivery, 1 in 100 failed with a 401; one more event carries a phone found by the search.
const COUNT = Number(process.env.BENCH_STORED ?? 1_000_000);
const RUNS = 20;
const TOKEN = "bench-console-token-0123456789";
const DAY = 86_400_000;
// BENCH_DIR keeps the seeded database there (seeded once) for a look with other tools.
const keep = process.env.BENCH_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), "botbridge-console-bench-"));
const db = join(dir, "console.db");
const routes = join(dir, "routes.yaml");
writeFileSync(
  routes,
  `version: 1
admin: { token: "${TOKEN}" }
targets:
  crm: { type: http, base_url: "http://127.0.0.1:9", dry_run: true }
sources:
  shop: {}
routes:
  - id: orders
    source: shop
    actions:
      - http.request: { method: POST, path: /orders, body: { phone: "{{ body.phone }}" } }
`,
);
const say = (line: string) => process.stderr.write(`${line}\n`);
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
const env = { BOTBRIDGE_DATABASE_URL: `sqlite:${db}`, PORT: "0" };

try {
  const original = existsSync(db) ? storedOriginal() : await seedOnce();
  const bridge = await startBotbridge({ configPath: routes, env, logDestination: quiet });
  const login = await fetch(`${bridge.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ token: TOKEN }),
    redirect: "manual",
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const pages = [
    "/",
    "/events",
    "/events?q=8%20912%20345%2067%2089",
    "/events?status=failed",
    `/events/${original}`,
    "/failed",
    "/targets",
    "/rules",
  ];
  const rows: string[] = [];
  for (const path of pages) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const started = performance.now();
      const response = await fetch(`${bridge.url}${path}`, { headers: { cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (i >= 2) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    rows.push(`| \`${path.replace(original, "<id>")}\` | ${at(0.5)} | ${at(0.95)} |`);
  }
  await bridge.stop();
  process.stdout.write(
    `${COUNT} stored events, ${RUNS} loads each (after 2 warm-up), ms:\n\n| page | median | p95 |\n| --- | --- | --- |\n${rows.join("\n")}\n`,
  );
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

/** One event through the real server, then SQL copies it COUNT times at earlier times. */
async function seedOnce(): Promise<string> {
  const bridge = await startBotbridge({ configPath: routes, env, logDestination: quiet });
  const posted = await fetch(`${bridge.url}/hooks/shop`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone: "+7 (912) 345-67-89", name: "Anna", note: "x".repeat(200) }),
  });
  const { event_id: original } = (await posted.json()) as { event_id: string };
  await bridge.idle();
  await bridge.stop();
  say(`seeding ${COUNT} events over 30 days`);
  const seeding = performance.now();
  seed(original);
  say(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  return original;
}

/** The event a kept database (BENCH_DIR) was seeded from: the one with search terms. */
function storedOriginal(): string {
  const sqlite = new DatabaseSync(db);
  const row = sqlite.prepare("SELECT id FROM events WHERE terms IS NOT NULL LIMIT 1").get();
  sqlite.close();
  return row?.id as string;
}

/** Copies the original event and its delivery COUNT times, the copies 30 days back and older. */
function seed(original: string): void {
  const sqlite = new DatabaseSync(db);
  sqlite.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
  const columns = (table: string) =>
    sqlite
      .prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name NOT IN ('seq')`)
      .all()
      .map((row) => row.name as string);
  const start = Date.now() - 30 * DAY;
  const step = Math.floor((30 * DAY) / COUNT);
  // a UUIDv7-like id for copy i at time t: its time in the first 48 bits, i in the last 48
  const id = `printf('%08x-%04x', (:start + n.i * :step) >> 16, (:start + n.i * :step) & 65535) || substr(t.id, 14, 11) || printf('%012x', n.i)`;
  const eventColumns = columns("events");
  const copyEvents = sqlite.prepare(`INSERT INTO events (${eventColumns.join(", ")})
    WITH RECURSIVE n(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM n WHERE i < :to)
    SELECT ${eventColumns.map((c) => (c === "id" ? id : c === "received_at" ? ":start + n.i * :step" : c === "terms" ? "NULL" : `t.${c}`)).join(", ")}
    FROM n, events t WHERE t.id = :event`);
  const deliveryColumns = columns("deliveries");
  const failed = `CASE WHEN n.i % 100 = 0 THEN`;
  const copyDeliveries = sqlite.prepare(`INSERT INTO deliveries (${deliveryColumns.join(", ")})
    WITH RECURSIVE n(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM n WHERE i < :to)
    SELECT ${deliveryColumns
      .map((c) =>
        c === "id"
          ? "'d' || n.i"
          : c === "event_id"
            ? id.replaceAll("t.id", "d.event_id")
            : c === "status"
              ? `${failed} 'failed' ELSE 'succeeded' END`
              : c === "last_error"
                ? `${failed} 'http_401: crm answered HTTP 401: unauthorized' ELSE NULL END`
                : ["created_at", "updated_at", "run_since", "next_attempt_at"].includes(c)
                  ? ":start + n.i * :step"
                  : `d.${c}`,
      )
      .join(", ")}
    FROM n, deliveries d WHERE d.event_id = :event`);
  for (let from = 0; from < COUNT; from += 100_000) {
    const to = Math.min(COUNT - 1, from + 99_999);
    sqlite.exec("BEGIN");
    copyEvents.run({ from, to, event: original, start, step });
    copyDeliveries.run({ from, to, event: original, start, step });
    sqlite.exec("COMMIT");
  }
  sqlite.exec("PRAGMA journal_mode = WAL; ANALYZE;");
  sqlite.close();
}
