import { createFakeServer, type FakeResponse, type FakeServer } from "./fake-server.ts";
import type { RecordedCall } from "./read-call.ts";

export interface FakeTargetOptions {
  /** Keep every call in `calls` (default true); turn off for load tests, `count` still counts. */
  record?: boolean;
  /** Computes the answer to each call that no scripted failure took; default 200 `{"ok":true}`. */
  respond?: (call: RecordedCall) => FakeResponse | Promise<FakeResponse>;
}

export type FakeTarget = FakeServer;

const OK: FakeResponse = { status: 200, body: { ok: true } };

/** A generic HTTP target for dispatcher tests: answers anything, records it, plays failures. */
export function createFakeTarget(options: FakeTargetOptions = {}): FakeTarget {
  const respond = options.respond ?? (() => OK);
  return createFakeServer({ handle: respond, record: options.record ?? true });
}
