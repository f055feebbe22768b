import { afterEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * New deliveries the dispatcher has room for are stored already leased and run at once, without
 * a claim; the rest are stored pending and claimed as before. The sink here holds every call
 * until the test opens it, so what the ingest stored can be read while deliveries run.
 */
let bridge: SinkBridge | undefined;
let sink: FakeTarget | undefined;
afterEach(async () => {
  open?.();
  await bridge?.stop();
  await sink?.close();
  bridge = sink = undefined;
});

let open: (() => void) | undefined;
const heldSink = () => {
  let gate = Promise.resolve();
  const hold = (): void => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  const target = createFakeTarget({
    respond: async () => {
      await gate;
      return { status: 200, body: { ok: true } };
    },
  });
  return { target, hold };
};

/** Sends `{ n }` (200 expected) and returns the status its delivery was stored with. */
const sendAndRead = async (b: SinkBridge, n: number) => {
  const answer = await b.send({ n });
  expect(answer.status).toBe(200);
  const { event_id } = answer.json as { event_id: string };
  return (await b.deliveries()).find((d) => d.event_id === event_id)?.status;
};

describe("delivery handoff", () => {
  it("runs what it has room for at once, stores the rest pending, and gives room back for a repeat", async () => {
    const held = heldSink();
    sink = held.target;
    // a poll interval of an hour: only a handoff or a wake-up can start a delivery
    bridge = await startSinkBridge({
      sink,
      delivery: "poll_interval: 1h, concurrency: 1",
      source: 'dedupe: "{{ body.n }}"',
    });
    held.hold();
    expect(await sendAndRead(bridge, 1)).toBe("running"); // stored leased, before any claim
    expect(await sendAndRead(bridge, 2)).toBe("pending"); // no room: the claim takes it later
    open?.();
    await bridge.until(() => bridge!.reached().size === 2);
    await bridge.settle();

    expect((await bridge.send({ n: 1 })).json).toMatchObject({ duplicate: true });
    held.hold();
    expect(await sendAndRead(bridge, 3)).toBe("running"); // the repeat gave its room back
    open?.();
    await bridge.until(() => bridge!.reached().size === 3);
    const rows = await bridge.settle();
    expect(rows.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("leaves a delivery with an order key to the claim, which runs one of a key at a time", async () => {
    const held = heldSink();
    sink = held.target;
    bridge = await startSinkBridge({
      sink,
      delivery: "poll_interval: 1h, concurrency: 4",
      route: 'order_by: "{{ source }}"',
    });
    held.hold();
    await sendAndRead(bridge, 1);
    expect(await sendAndRead(bridge, 2)).toBe("pending");
    await bridge.until(() => sink!.count === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.count).toBe(1); // the second waits for the first, though there is room
    open?.();
    await bridge.until(() => bridge!.reached().size === 2);
    expect(sink.calls.map((call) => (call.body as { n: number }).n)).toEqual([1, 2]);
  });

  it("stores a delivery pending while its target is paused (a 429)", async () => {
    const held = heldSink();
    sink = held.target;
    bridge = await startSinkBridge({ sink, delivery: "poll_interval: 1h, concurrency: 4" });
    // a 429 with Retry-After pauses the target in this instance's breaker
    sink.failNext({ status: 429, headers: { "retry-after": "3600" } });
    await bridge.send({ n: 0 });
    await bridge.until(async () => (await bridge!.deliveries("pending")).length === 1);
    held.hold();
    expect(await sendAndRead(bridge, 1)).toBe("pending");
  });
});
