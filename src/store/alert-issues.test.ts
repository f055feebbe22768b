import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTestSchemas } from "../../test/postgres-schemas.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

const schemas = useTestSchemas();

const opens: [string, () => Promise<Store>][] = [
  [
    "sqlite",
    async () => {
      const store = openSqliteStore(
        `sqlite:${join(mkdtempSync(join(tmpdir(), "bb-ai-")), "a.db")}`,
      );
      await store.migrate();
      return store;
    },
  ],
  [
    "postgres",
    async () => {
      if (!schemas) throw new Error("TEST_DATABASE_URL is not set");
      const store = openPostgresStore(await schemas.create());
      await store.migrate();
      return store;
    },
  ],
];

const raise = (store: Store, key: string, now: number, facts = {}) =>
  store.raiseAlertIssue({ id: `id-${key}-${now}`, key, kind: "k", subject: "s", facts, now });

describe.each(opens)("alert issues (%s)", (_name, open) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it("opens one issue per key, updating its facts, and a new one once resolved", async () => {
    store = await open();
    const first = await raise(store, "a", 1000, { n: 1 });
    const again = await raise(store, "a", 2000, { n: 2 });
    expect(again.id).toBe(first.id);
    expect(again.facts).toEqual({ n: 2 });
    expect(await store.resolveAlertIssue(first.id, 3000)).toBe(true);
    expect(await store.resolveAlertIssue(first.id, 3000)).toBe(false);
    const next = await raise(store, "a", 4000);
    expect(next.id).not.toBe(first.id);
    expect((await store.activeAlertIssues()).map((i) => i.id)).toEqual([next.id]);
  });

  it.each([["opened once", "opened", [true, false]]] as const)(
    "claims a message: %s",
    async (_label, stage, expected) => {
      store = await open();
      const issue = await raise(store, "b", 1000);
      const claims = [
        await store.claimAlertMessage(issue.id, stage, 1000, 0),
        await store.claimAlertMessage(issue.id, stage, 1001, 0),
      ];
      expect(claims).toEqual(expected);
    },
  );

  it("claims a digest only after digest_every, none once acknowledged, and resolved once", async () => {
    store = await open();
    const issue = await raise(store, "c", 1000);
    expect(await store.claimAlertMessage(issue.id, "resolved", 1000, 0)).toBe(false);
    expect(await store.claimAlertMessage(issue.id, "opened", 1000, 0)).toBe(true);
    expect(await store.claimAlertMessage(issue.id, "digest", 1500, 500)).toBe(false);
    expect(await store.claimAlertMessage(issue.id, "digest", 2000, 1000)).toBe(true);
    expect(await store.acknowledgeAlertIssue(issue.id, "admin", 2100)).toBe("changed");
    expect(await store.claimAlertMessage(issue.id, "digest", 9000, 8000)).toBe(false);
    await store.resolveAlertIssue(issue.id, 9000);
    expect(await store.claimAlertMessage(issue.id, "resolved", 9000, 0)).toBe(true);
    expect(await store.claimAlertMessage(issue.id, "resolved", 9001, 0)).toBe(false);
    expect(await store.acknowledgeAlertIssue(issue.id, "admin", 9100)).toBe("conflict");
    expect(await store.acknowledgeAlertIssue("nope", "admin", 9100)).toBe("not_found");
    const got = await store.getAlertIssue(issue.id);
    expect(got).toMatchObject({ status: "resolved", acknowledged_by: "admin", resolved_at: 9000 });
  });

  it("lists issues newest first, by status, in pages", async () => {
    store = await open();
    for (const [i, key] of ["p", "q", "r"].entries()) await raise(store, key, 1000 + i);
    const resolved = await raise(store, "s", 2000);
    await store.resolveAlertIssue(resolved.id, 2001);
    const first = await store.listAlertIssues({ status: "open" }, { limit: 2 });
    expect(first.data.map((i) => i.key)).toEqual(["r", "q"]);
    const second = await store.listAlertIssues(
      { status: "open" },
      { limit: 2, cursor: first.next_cursor ?? "" },
    );
    expect(second).toMatchObject({ data: [{ key: "p" }], next_cursor: null });
    const all = await store.listAlertIssues({}, { limit: 10 });
    expect(all.data.map((i) => i.key)).toEqual(["s", "r", "q", "p"]);
    await expect(store.listAlertIssues({}, { limit: 2, cursor: "zz" })).rejects.toMatchObject({
      code: "invalid_cursor",
    });
    expect(await store.storeBytes()).toBeGreaterThan(0);
  });
});
