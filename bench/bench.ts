import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { createFakeTarget } from "../test/fakes/fake-target.ts";
import { testSchemas } from "../test/postgres-schemas.ts";
import { benchBody, SOURCE, writeBenchRoutes } from "./bench-routes.ts";
import { formatReport, type BenchFigures, type Measured } from "./format-report.ts";
import { runLoad, type LoadOptions } from "./run-load.ts";
import { seedPostgres } from "./seed-postgres.ts";
import { seedStore } from "./seed-store.ts";
import { spawnServer, type ServerProcess } from "./spawn-server.ts";

/**
 * `npm run bench`: ingest against a bare node:http server, drain to a zero-latency target, and
 * RSS with a million stored events, each on a real botbridge child process. Knobs (env):
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_EVENTS (drained), BENCH_STORED
 * and BENCH_STORED_BYTES (the history under the memory phase, and each stored body's size),
 * BENCH_DELIVERY_CONCURRENCY (delivery.concurrency of the server, default 16 as shipped), and
 * BENCH_DATABASE_URL (default TEST_DATABASE_URL): a PostgreSQL database on which the ingest and
 * drain phases run again, each in a fresh schema dropped afterwards.
 */
const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};
const seconds = knob("BENCH_SECONDS", 10);
const warmup = knob("BENCH_WARMUP_SECONDS", 2);
const connections = knob("BENCH_CONNECTIONS", 32);
const drainCount = knob("BENCH_EVENTS", 10_000);
const storedCount = knob("BENCH_STORED", 1_000_000);
const storedBytes = knob("BENCH_STORED_BYTES", 256);
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "botbridge-bench-"));
const routes = writeBenchRoutes(dir);
const body = benchBody(1024);
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Runs the load against `server`, reading its RSS every 250 ms of the measured part. */
async function load(server: ServerProcess, extra: Partial<LoadOptions> = {}): Promise<Measured> {
  let maxRssMb = server.rssMb();
  const result = await runLoad({
    url: server.url,
    path: `/hooks/${SOURCE}`,
    body,
    headers: { "content-type": "application/json" },
    connections,
    warmupMs: warmup * 1000,
    durationMs: seconds * 1000,
    cpuMs: () => server.cpuMs(),
    onSample: () => (maxRssMb = Math.max(maxRssMb, server.rssMb())),
    ...extra,
  });
  return { ...result, maxRssMb };
}

/** `db` is a SQLite file name in the bench folder, or a postgres:// URL. */
const startBridge = (db: string, env: NodeJS.ProcessEnv = {}) =>
  // the executable itself, so its shebang's Node flags apply as they do for `npm start` and Docker
  spawnServer(["serve", "--config", routes], {
    command: join(root, "bin", "botbridge.js"),
    cwd: root,
    env: {
      PORT: "0",
      BOTBRIDGE_DATABASE_URL: db.startsWith("postgres") ? db : `sqlite:${join(dir, db)}`,
      ...env,
    },
  });

async function measureIngest(): Promise<{ bare: Measured; botbridge: Measured }> {
  say(`bare node:http, ${warmup} s warm-up + ${seconds} s`);
  const bareServer = await spawnServer(["bench/bare-server.ts"], { cwd: root });
  const bare = await load(bareServer).finally(() => bareServer.stop());
  say(`botbridge ingest, ${warmup} s warm-up + ${seconds} s`);
  const bridge = await startBridge("ingest.db");
  const botbridge = await load(bridge).finally(() => bridge.stop());
  return { bare, botbridge };
}

/** The ingest and drain phases again on PostgreSQL, each in a fresh schema. */
async function measurePostgres(url: string): Promise<NonNullable<BenchFigures["postgres"]>> {
  const schemas = testSchemas(url);
  try {
    say(`botbridge ingest on PostgreSQL, ${warmup} s warm-up + ${seconds} s`);
    const bridge = await startBridge(await schemas.create());
    const ingest = await load(bridge).finally(() => bridge.stop());
    const drainUrl = await schemas.create();
    say(`drain on PostgreSQL: storing ${drainCount} due deliveries`);
    await seedPostgres(drainUrl, { configPath: routes, source: SOURCE, body, count: drainCount });
    const drain = await drainFrom(drainUrl, () => openPostgresStore(drainUrl));
    return { ingest, drain };
  } finally {
    await schemas.dropAll();
  }
}

async function measureDrain(): Promise<BenchFigures["drain"]> {
  say(`drain: storing ${drainCount} due deliveries`);
  await seedStore({
    configPath: routes,
    dbPath: join(dir, "drain.db"),
    source: SOURCE,
    body,
    count: drainCount,
    status: "pending",
  });
  return drainFrom("drain.db", () => openSqliteStore(`sqlite:${join(dir, "drain.db")}`));
}

/** Starts botbridge on `db` (seeded with due deliveries) and times it delivering them all. */
async function drainFrom(db: string, openDb: () => Store): Promise<BenchFigures["drain"]> {
  const target = createFakeTarget({ record: false });
  const { url } = await target.start();
  say("drain: starting botbridge on them");
  const bridge = await startBridge(db, { TARGET_URL: url, TARGET_DRY_RUN: "false" });
  const cpuAtStart = bridge.cpuMs();
  const started = performance.now();
  const deadline = started + 120_000;
  while (target.count < drainCount && performance.now() < deadline) await sleep(10);
  const elapsed = (performance.now() - started) / 1000;
  const cpuMsPerDelivery = (bridge.cpuMs() - cpuAtStart) / target.count;
  await bridge.stop();
  await target.close();
  const store = openDb();
  const { deliveries } = await store.stats();
  await store.close();
  return {
    deliveries: drainCount,
    seconds: elapsed,
    perSecond: target.count / elapsed,
    cpuMsPerDelivery,
    succeeded: deliveries.succeeded,
  };
}

async function measureMemory(): Promise<BenchFigures["memory"]> {
  say(`memory: storing ${storedCount} delivered events of ${storedBytes} bytes`);
  const seeding = performance.now();
  await seedStore({
    configPath: routes,
    dbPath: join(dir, "memory.db"),
    source: SOURCE,
    body: benchBody(storedBytes),
    count: storedCount,
    status: "succeeded",
  });
  say(
    `memory: stored in ${((performance.now() - seeding) / 1000).toFixed(1)} s; loading botbridge`,
  );
  const bridge = await startBridge("memory.db");
  const startRssMb = bridge.rssMb();
  // The same load as the ingest phase, so its RSS compares with the empty database's.
  const result = await load(bridge).finally(() => bridge.stop());
  return { stored: storedCount, storedBytes, startRssMb, maxRssMb: result.maxRssMb, load: result };
}

// Exits 0 whatever the goals say (the figures are the output); 1 when a phase fails.
try {
  const ingest = await measureIngest();
  const drain = await measureDrain();
  const postgres = databaseUrl ? await measurePostgres(databaseUrl) : undefined;
  if (!databaseUrl) say("PostgreSQL phases skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
  const memory = await measureMemory();
  process.stdout.write(
    `\n${formatReport({ connections, seconds, ...ingest, drain, memory, ...(postgres ? { postgres } : {}) })}\n`,
  );
} catch (error) {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit();
