import type { Logger } from "pino";
import type { Config } from "../config/config.ts";
import type { Store } from "../store/store.ts";
import { acceptEvent } from "./accept-event.ts";
import type { HookRequest, HookResponse } from "./hook-request.ts";
import { IngestError } from "./ingest-error.ts";
import { readEvent } from "./read-event.ts";

export interface ReceiveDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => number;
  /** Called once an event is committed, so the dispatcher looks at once. */
  onAccepted: () => void;
}

const METHODS = new Set(["POST", "GET"]);

/**
 * One webhook, from request to answer: the source exists, the method is one a sender uses, the
 * body parses, and the event with its deliveries is committed before the 200. A store that
 * cannot commit answers 503 so the sender retries; nothing is half-written.
 */
export async function receiveHook(request: HookRequest, deps: ReceiveDeps): Promise<HookResponse> {
  const { config, log } = deps;
  if (!config.sources.has(request.source)) {
    throw new IngestError(
      404,
      "unknown_source",
      `no source named "${request.source}" is configured`,
    );
  }
  if (!METHODS.has(request.method.toUpperCase())) {
    throw new IngestError(
      405,
      "method_not_allowed",
      `${request.method} is not accepted; send POST (or GET with the data in the query)`,
      { allow: "GET, POST" },
    );
  }
  const event = await readEvent(request, deps.now());
  let accepted;
  try {
    accepted = await acceptEvent(event, { config, store: deps.store, log });
  } catch (error) {
    log.error(
      { err: error, source: request.source, code: "store_unavailable" },
      "cannot store the event; answering 503 so the sender retries",
    );
    throw new IngestError(503, "store_unavailable", "the event could not be stored; retry later", {
      "retry-after": "5",
    });
  }
  const { result, selection } = accepted;
  log.info(
    {
      event_id: result.event_id,
      source: request.source,
      duplicate: result.duplicate,
      matched: selection.matched.map((r) => r.id),
      unmatched: selection.unmatched.map((u) => ({ route: u.route.id, at: u.why.at })),
    },
    result.duplicate ? "repeat event ignored" : "event accepted",
  );
  if (!result.duplicate && selection.matched.length > 0) deps.onAccepted();
  return {
    status: 200,
    body: result.duplicate
      ? { ok: true, duplicate: true, event_id: result.event_id }
      : { ok: true, event_id: result.event_id },
  };
}
