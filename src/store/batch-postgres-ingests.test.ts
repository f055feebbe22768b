import { afterEach, describe, expect, it } from "vitest";
import { delivery, event } from "../../test/store-rows.ts";
import { useTestSchemas } from "../../test/postgres-schemas.ts";
import { openPostgresStore } from "./postgres-store.ts";
import type { Store } from "./store.ts";

const schemas = useTestSchemas();
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const open = async () => {
  store = openPostgresStore(await schemas!.create());
  await store.migrate();
  return store;
};

describe.skipIf(!schemas)("PostgreSQL ingests of one turn (one transaction)", () => {
  it("answers each with its own result, repeats of a key in the same batch included", async () => {
    const s = await open();
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      event: event({ id: `e${String(i).padStart(2, "0")}` }),
      deliveries: [delivery({ id: `d${i}` })],
      ...(i >= 18 ? { dedupe: { key: "same", expires_at: Date.now() + 60_000 } } : {}),
    }));
    const results = await Promise.all(inputs.map((input) => s.ingest(input)));
    expect(results.slice(0, 18)).toEqual(
      inputs.slice(0, 18).map((input) => ({ duplicate: false, event_id: input.event.id })),
    );
    expect(results.slice(18)).toEqual([
      { duplicate: false, event_id: "e18" },
      { duplicate: true, event_id: "e18" },
    ]);
    expect((await s.stats()).events).toBe(19);
  });

  it("fails only the ingest that fails: the others of its batch are stored once", async () => {
    const s = await open();
    await s.ingest({ event: event({ id: "taken" }), deliveries: [] });
    const results = await Promise.allSettled([
      s.ingest({ event: event({ id: "a" }), deliveries: [delivery({ id: "da" })] }),
      s.ingest({ event: event({ id: "taken" }), deliveries: [] }), // its id is stored already
      s.ingest({ event: event({ id: "b" }), deliveries: [delivery({ id: "db" })] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await s.stats()).events).toBe(3);
    expect((await s.listDeliveries({ event_id: "a" })).map((d) => d.id)).toEqual(["da"]);
  });
});
