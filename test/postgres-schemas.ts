import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

/**
 * TEST_DATABASE_URL, the PostgreSQL the tests use. Unset, the PostgreSQL tests are skipped on a
 * developer's machine, but under CI (CI set) that is an error: CI must run them.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI)
    throw new Error("TEST_DATABASE_URL is not set; CI runs the PostgreSQL tests and cannot skip");
  return url || undefined;
}

export interface TestSchemas {
  /** A new, empty schema and a URL whose connections use it (search_path). */
  create(): Promise<string>;
  /** Drops every schema this run created. */
  dropAll(): Promise<void>;
}

/** Fresh schemas on the test database, one per store, so runs and tests never see each other's rows. */
export function testSchemas(url: string): TestSchemas {
  const run = `bb_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async create() {
      const schema = `${run}_${created.length}`;
      await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
      created.push(schema);
      return withSchema(url, schema);
    },
    async dropAll() {
      const schemas = created.splice(0);
      if (schemas.length === 0) return;
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schemas.join(", ")} CASCADE`));
    },
  };
}

/**
 * Schemas for one test file on TEST_DATABASE_URL, every one dropped once the file is done; undefined
 * when there is no test database (`describe.skipIf(!schemas)`). Call it before the file's own
 * afterAll: vitest runs afterAll hooks last registered first, so the file's servers and stores are
 * closed before their schemas are dropped.
 */
export function useTestSchemas(): TestSchemas | undefined {
  const url = testDatabaseUrl();
  if (!url) return undefined;
  const schemas = testSchemas(url);
  afterAll(() => schemas.dropAll());
  return schemas;
}

/** The URL with `options=-c search_path=<schema>`, which every connection made from it applies. */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}
