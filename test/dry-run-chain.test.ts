import { afterEach, describe, expect, it } from "vitest";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * A chain in dry run runs to its end: the sink target is in dry run, its first action is answered
 * by a dry_run_answer (the target's, or the item's over it), and the second action is rendered
 * from that answer as steps.hit. Nothing reaches the sink.
 */
const TARGET_ANSWER = `dry_run: true, dry_run_answer: { lead_id: "{{ $number(params.body.n) * 10 }}", path: "{{ request.path }}" }`;
const SECOND = `      - http.request:
          method: PUT
          path: /leads/{{ steps.hit.body.lead_id }}
          body: { from: "{{ steps.hit.body.path }}", n: "{{ body.n }}" }
`;

let t: SinkBridge;
afterEach(() => t.stop());

describe("a dry-run chain", () => {
  it.each<[string, string[], unknown]>([
    ["the target's dry_run_answer", ["id: hit"], { lead_id: 70, path: "/hit" }],
    [
      "the item's dry_run_answer over the target's",
      ["id: hit", 'dry_run_answer: { lead_id: "{{ params.body.n }}-item", path: "/item" }'],
      { lead_id: "7-item", path: "/item" },
    ],
  ])("answered by %s", async (_name, item, answer) => {
    t = await startSinkBridge({ target: TARGET_ANSWER, item, actions: SECOND });
    const sent = await t.send({ n: 7 });
    expect(sent.status).toBe(200);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(t.sink.count).toBe(0);

    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => a.outcome)).toEqual(["dry_run", "dry_run"]);
    // the attempt records the answer as its response; the output (steps.hit) is made of it
    expect(attempts[0]?.response_status).toBe(200);
    expect(JSON.parse(attempts[0]?.response_body ?? "null")).toEqual(answer);
    expect(delivery?.outputs["0"]).toEqual({
      status: 200,
      headers: { "content-type": "application/json" },
      body: answer,
    });
    const { lead_id: lead, path } = answer as { lead_id: unknown; path: string };
    expect(attempts[1]?.exchanges.map((e) => [e.method, e.url, e.request_body])).toEqual([
      ["PUT", `${t.env.TARGET_URL}/leads/${String(lead)}`, { from: path, n: 7 }],
    ]);
  });

  it("without any answer the first action answers nothing, and the chain goes on with that", async () => {
    t = await startSinkBridge({ target: "dry_run: true", item: ["id: hit"], actions: SECOND });
    await t.send({ n: 7 });
    const [delivery] = await t.settle();
    expect(delivery?.outputs["0"]).toEqual({ status: 200, headers: {}, body: null });
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts[0]?.response_body).toBeNull();
    expect(attempts[1]?.exchanges[0]?.request_body).toEqual({ n: 7 });
    expect(t.sink.count).toBe(0);
  });
});
