import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { queryTermsOf } from "../src/ingest/extract-search-terms.ts";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { testSchemas } from "../test/postgres-schemas.ts";
import { seedPostgresLists, seedSqliteLists } from "./seed-lists.ts";

/**
 * `npm run bench:lists`: the operator API's list and search pages (50 rows) on 1,000,000
 * stored events (BENCH_LIST_EVENTS), SQLite and, when BENCH_DATABASE_URL or TEST_DATABASE_URL
 * names one, PostgreSQL. Each page is read 15 times after 2 warm-ups; the median is printed.
 * The goal: every page under 50 ms. Not part of `npm test`.
 */
const count = Number(process.env.BENCH_LIST_EVENTS ?? 1_000_000);
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const end = Date.parse("2026-01-31T00:00:00Z");
const DAY = 86_400_000;
const page = { limit: 50 };

type Query = [name: string, run: (store: Store) => Promise<unknown>];

async function queries(store: Store): Promise<Query[]> {
  const middle = await store.listEvents({ until: end - 15 * DAY }, { limit: 1 });
  const deep = middle.next_cursor ?? undefined;
  const eventId = middle.data[0]?.id ?? "";
  const [deliveryId] = (await store.listDeliveryPage({ event_id: eventId }, page)).data.map(
    (d) => d.id,
  );
  const phone = queryTermsOf("8 (912) 001-23-45", "RU");
  const day = { since: end - 11 * DAY, until: end - 10 * DAY };
  return [
    ["events: first page", (s) => s.listEvents({}, page)],
    [
      "events: a page half a month back (cursor)",
      (s) => s.listEvents({}, { ...page, cursor: deep }),
    ],
    ["events: by source (10%)", (s) => s.listEvents({ source: "amocrm" }, page)],
    ["events: one day ten days back", (s) => s.listEvents(day, page)],
    ["events: with a failed delivery (3%)", (s) => s.listEvents({ status: "failed" }, page)],
    ["events: with a cancelled delivery (1%)", (s) => s.listEvents({ status: "cancelled" }, page)],
    ["events: of a route (20%)", (s) => s.listEvents({ route: "r5" }, page)],
    [`search: a phone as typed (${phone.join(" ")})`, (s) => s.listEvents({ terms: phone }, page)],
    [
      "search: an e-mail",
      (s) => s.listEvents({ terms: queryTermsOf("Client12345@example.com", "RU") }, page),
    ],
    ["search: a word every event has", (s) => s.listEvents({ terms: ["client"] }, page)],
    [
      "search: two words (client 12345)",
      (s) => s.listEvents({ terms: queryTermsOf("client 12345", "RU") }, page),
    ],
    ["search: a phone and a source", (s) => s.listEvents({ terms: phone, source: "tilda" }, page)],
    ["search: a word no event has", (s) => s.listEvents({ terms: ["nothing"] }, page)],
    ["deliveries: first page", (s) => s.listDeliveryPage({}, page)],
    ["deliveries: failed", (s) => s.listDeliveryPage({ status: "failed" }, page)],
    ["deliveries: pending", (s) => s.listDeliveryPage({ status: "pending" }, page)],
    ["deliveries: of a route", (s) => s.listDeliveryPage({ route: "r3" }, page)],
    ["deliveries: of a target", (s) => s.listDeliveryPage({ target: "metabot" }, page)],
    ["deliveries: of an event", (s) => s.listDeliveryPage({ event_id: eventId }, page)],
    ["deliveries: by error code (1%)", (s) => s.listDeliveryPage({ error_code: "http_401" }, page)],
    ["deliveries: one day ten days back", (s) => s.listDeliveryPage(day, page)],
    ["deliveries: failed, counted (bulk estimate)", (s) => s.countDeliveries({ status: "failed" })],
    ["a delivery with its snapshot", (s) => s.getDelivery(deliveryId ?? "")],
    ["targets", (s) => s.targetStates(end, [])],
    ["stats over the last day", (s) => s.windowStats(end - DAY, end)],
  ];
}

async function measure(label: string, store: Store): Promise<void> {
  for (const [name, run] of await queries(store)) {
    const times: number[] = [];
    for (let i = 0; i < 17; i++) {
      const started = performance.now();
      await run(store);
      if (i >= 2) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[7] ?? 0;
    console.log(
      `${label.padEnd(10)} ${name.padEnd(52)} ${median.toFixed(2).padStart(8)} ms${median >= 50 ? "  MISS" : ""}`,
    );
  }
}

async function benchSqlite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "botbridge-lists-"));
  try {
    const path = join(dir, "lists.db");
    const fresh = openSqliteStore(`sqlite:${path}`);
    await fresh.migrate();
    await fresh.close();
    const started = performance.now();
    seedSqliteLists(path, { count, end });
    console.log(
      `sqlite     seeded ${count} events in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const store = openSqliteStore(`sqlite:${path}`);
    await store.migrate();
    await measure("sqlite", store).finally(() => store.close());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(url: string): Promise<void> {
  const schemas = testSchemas(url);
  try {
    const schemaUrl = await schemas.create();
    const store = openPostgresStore(schemaUrl);
    await store.migrate();
    const started = performance.now();
    await seedPostgresLists(schemaUrl, { count, end });
    console.log(
      `postgres   seeded ${count} events in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    await measure("postgres", store).finally(() => store.close());
  } finally {
    await schemas.dropAll();
  }
}

await benchSqlite();
if (databaseUrl) await benchPostgres(databaseUrl);
else console.log("postgres   skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
