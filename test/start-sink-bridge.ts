import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { sinkRoutes, type SinkRoutesOptions } from "./sink-routes.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";
import type { TestClock } from "./test-clock.ts";

export interface SinkBridge extends TestBridge {
  /** The HTTP target every event of `forms` is forwarded to. */
  sink: FakeTarget;
  /** The variables the routes file was read with (TARGET_URL and `env`). */
  env: Record<string, string>;
  /** POSTs `body` as JSON to /hooks/<source> (default `forms`). */
  send(body: unknown, source?: string): Promise<{ status: number; json: unknown }>;
  /** The `n` of every call the sink received. */
  reached(): Set<number>;
}

/**
 * A running botbridge (see startBridge) with the routes of `sinkRoutes(options)`, forwarding to
 * `options.sink` (shared between bridges; the caller closes it) or to a fresh fake target that
 * `stop()` closes too.
 */
export async function startSinkBridge(
  options: SinkRoutesOptions & {
    sink?: FakeTarget;
    env?: Record<string, string>;
    clock?: TestClock;
  } = {},
): Promise<SinkBridge> {
  const sink = options.sink ?? createFakeTarget();
  const { url } = await sink.start();
  const env = { ...options.env, TARGET_URL: url };
  let t: TestBridge;
  try {
    t = await startBridge(sinkRoutes(options), {
      env,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  } catch (error) {
    if (!options.sink) await sink.close();
    throw error;
  }
  return {
    ...t,
    sink,
    env,
    send: (body, source = "forms") =>
      t.post(source, JSON.stringify(body), { "content-type": "application/json" }),
    reached: () => new Set(sink.calls.map((call) => (call.body as { n: number }).n)),
    async stop() {
      await t.stop();
      if (!options.sink) await sink.close();
    },
  };
}
