import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { testSchemas } from "../test/postgres-schemas.ts";
import { benchBody, SOURCE, writeBenchRoutes } from "./bench-routes.ts";
import { drainFrom } from "./drain-from.ts";
import { formatReport } from "./format-report.ts";
import type { BenchFigures, Measured, StoreFigures } from "./format-report.ts";
import { measureEndToEnd } from "./measure-end-to-end.ts";
import { medianOf } from "./median-of.ts";
import { runLoad, type LoadOptions } from "./run-load.ts";
import { seedPostgres } from "./seed-postgres.ts";
import { seedStore } from "./seed-store.ts";
import { spawnServer, type ServerProcess } from "./spawn-server.ts";

/**
 * `npm run bench`: every phase on real child processes, in one run. Per round: a bare node:http
 * server and an Express 5 app that only acknowledge (the baselines), botbridge accepting with
 * its target in dry run, and botbridge end to end (delivering each webhook to a zero-latency
 * target, loss counted), on SQLite and, with a database, PostgreSQL. Then a drain of stored
 * deliveries per store and the RSS with a million stored events. Knobs (env): BENCH_ROUNDS (3,
 * medians are printed), BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_EVENTS
 * (drained), BENCH_STORED, BENCH_STORED_BYTES, BENCH_DELIVERY_CONCURRENCY, BENCH_DATABASE_URL
 * (default TEST_DATABASE_URL; "" skips PostgreSQL) and BENCH_PROFILE (a folder: every botbridge
 * writes a V8 CPU profile there, see summarize-profile.ts).
 */
const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};
const rounds = Math.max(1, knob("BENCH_ROUNDS", 3));
const seconds = knob("BENCH_SECONDS", 10);
const warmup = knob("BENCH_WARMUP_SECONDS", 2);
const connections = knob("BENCH_CONNECTIONS", 32);
const drainCount = knob("BENCH_EVENTS", 10_000);
const storedCount = knob("BENCH_STORED", 1_000_000);
const storedBytes = knob("BENCH_STORED_BYTES", 256);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "";
const profileDir = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "botbridge-bench-"));
const routes = writeBenchRoutes(dir);
const body = benchBody(1024);
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
if (profileDir) mkdirSync(profileDir, { recursive: true });

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

let files = 0;
/** A new SQLite database in the bench folder. */
const freshSqlite = (name: string) => `sqlite:${join(dir, `${(files += 1)}-${name}`)}`;

/** botbridge on the database `url` (sqlite: or postgres://). */
const startBridge = (url: string, env: NodeJS.ProcessEnv = {}) =>
  // the executable itself, so its shebang's Node flags apply as they do for `npm start` and Docker
  spawnServer(["serve", "--config", routes], {
    command: join(root, "bin", "botbridge.js"),
    cwd: root,
    env: {
      PORT: "0",
      BOTBRIDGE_DATABASE_URL: url,
      ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
      ...env,
    },
  });

const measureBaseline = async (script: string, name: string): Promise<Measured> => {
  say(`${name}, ${warmup} s warm-up + ${seconds} s`);
  const server = await spawnServer([script], { cwd: root });
  return load(server).finally(() => server.stop());
};

/** Accepting (target in dry run) and end to end on one store; `db` makes a fresh database. */
async function measureStore(db: () => Promise<string>, name: string) {
  say(`botbridge ${name} accepting (dry run), ${warmup} s warm-up + ${seconds} s`);
  const bridge = await startBridge(await db());
  const accept = await load(bridge).finally(() => bridge.stop());
  say(`botbridge ${name} end to end, ${warmup} s warm-up + ${seconds} s`);
  const fresh = await db();
  const endToEnd = await measureEndToEnd({ start: (env) => startBridge(fresh, env), load });
  return { accept, endToEnd };
}

async function measureDrains(pgUrl: () => Promise<string>) {
  say(`drain: storing ${drainCount} due deliveries`);
  const seed = { configPath: routes, source: SOURCE, body, count: drainCount };
  await seedStore({ ...seed, dbPath: join(dir, "drain.db"), status: "pending" });
  const sqliteUrl = `sqlite:${join(dir, "drain.db")}`;
  const sqlite = await drainFrom({
    start: (env) => startBridge(sqliteUrl, env),
    openStore: () => openSqliteStore(sqliteUrl),
    count: drainCount,
  });
  if (!databaseUrl) return { sqlite };
  const url = await pgUrl();
  say(`drain on PostgreSQL: storing ${drainCount} due deliveries`);
  await seedPostgres(url, seed);
  const postgres = await drainFrom({
    start: (env) => startBridge(url, env),
    openStore: () => openPostgresStore(url),
    count: drainCount,
  });
  return { sqlite, postgres };
}

async function measureMemory(): Promise<BenchFigures["memory"]> {
  say(`memory: storing ${storedCount} delivered events of ${storedBytes} bytes`);
  const seeding = performance.now();
  const dbPath = join(dir, "memory.db");
  const seed = { configPath: routes, dbPath, source: SOURCE, count: storedCount };
  await seedStore({ ...seed, body: benchBody(storedBytes), status: "succeeded" });
  say(`memory: stored in ${((performance.now() - seeding) / 1000).toFixed(1)} s; loading`);
  const bridge = await startBridge(`sqlite:${dbPath}`);
  const startRssMb = bridge.rssMb();
  // The same load as the accept phase, so its RSS compares with the empty database's.
  const result = await load(bridge).finally(() => bridge.stop());
  return { stored: storedCount, storedBytes, startRssMb, maxRssMb: result.maxRssMb, load: result };
}

// Exits 0 whatever the goals say (the figures are the output); 1 when a phase fails.
const schemas = databaseUrl ? testSchemas(databaseUrl) : undefined;
try {
  type Round = Pick<BenchFigures, "bare" | "express" | "sqlite" | "postgres">;
  const runs: Round[] = [];
  let lost = 0;
  for (let round = 1; round <= rounds; round += 1) {
    say(`round ${round} of ${rounds}`);
    const bare = await measureBaseline("bench/bare-server.ts", "bare node:http");
    const express = await measureBaseline("bench/express-server.ts", "Express 5 ack");
    const sqlite: StoreFigures = await measureStore(
      () => Promise.resolve(freshSqlite("bench.db")),
      "SQLite",
    );
    const postgres = schemas ? await measureStore(() => schemas.create(), "PostgreSQL") : undefined;
    runs.push({ bare, express, sqlite, ...(postgres ? { postgres } : {}) });
    lost += sqlite.endToEnd.lost + (postgres?.endToEnd.lost ?? 0);
  }
  if (!schemas) say("PostgreSQL phases skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
  const drain = await measureDrains(() => schemas!.create());
  const memory = await measureMemory();
  const figures: BenchFigures = {
    ...{ connections, seconds, rounds, lost, drain, memory },
    ...medianOf(runs),
  };
  process.stdout.write(`\n${formatReport(figures)}\n`);
} catch (error) {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await schemas?.dropAll();
  rmSync(dir, { recursive: true, force: true });
}
process.exit();
