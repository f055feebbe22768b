import { join } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { acceptEvent } from "../src/ingest/accept-event.ts";
import { readEvent } from "../src/sources/read-event.ts";
import { openStore } from "../src/store/open-store.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";
import { ingestRulesOf } from "../src/config/slice-config.ts";

/**
 * An idle instance starts on a delivery another instance stored at once (LISTEN/NOTIFY), not at
 * its next poll: here the poll interval is 60 s and the delivery must arrive within 3 s.
 */
const schemas = useTestSchemas();
let bridge: SinkBridge | undefined;

afterAll(async () => {
  await bridge?.stop();
});

describe.skipIf(!schemas)("wake-up across instances", () => {
  it("delivers what another instance stored without waiting for the poll", async () => {
    const database = await schemas!.create();
    bridge = await startSinkBridge({
      delivery: "poll_interval: 60s",
      env: { BOTBRIDGE_DATABASE_URL: database },
    });
    const { env, sink } = bridge;
    await bridge.settle();

    // The other instance: the same ingest path on its own connection to the same schema.
    const other = await openStore(database);
    try {
      const loaded = await loadConfig(join(bridge.dir, "routes.yaml"), {
        actions: createActions(),
        env,
      });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const event = await readEvent(
        {
          source: "forms",
          method: "POST",
          path: "/hooks/forms",
          query: "",
          headers: { "content-type": "application/json" },
          raw: Buffer.from(JSON.stringify({ n: 7 })),
          remote_address: "127.0.0.1",
        },
        bridge.clock.now(),
        loaded.config.settings.server.depth_limit,
      );
      const stored = Date.now();
      await acceptEvent(event, {
        rules: ingestRulesOf(loaded.config),
        store: other,
        log: pino({ level: "silent" }),
      });
      await bridge.until(() => sink.count === 1, 3_000);
      expect(Date.now() - stored).toBeLessThan(3_000);
      expect(sink.calls[0]?.body).toEqual({ n: 7 });
    } finally {
      await other.close();
    }
  });
});
