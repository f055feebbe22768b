import type { Logger } from "pino";
import type { CompiledSource } from "../sources/compile-source.ts";
import type { IngestResult, Store } from "../store/store.ts";
import { acceptEvent } from "./accept-event.ts";
import type { DeliveryHandoff } from "../store/delivery-handoff.ts";
import type { IngestRules } from "./ingest-rules.ts";
import type { HookRequest, HookResponse } from "../sources/hook-request.ts";
import { HttpError } from "../core/http-error.ts";
import type { RequestOutcome, Telemetry } from "../core/telemetry.ts";
import { prepareRequest } from "./prepare-request.ts";
import { PARSED_AS_HEADER } from "../sources/read-event.ts";

export interface ReceiveDeps {
  rules: IngestRules;
  store: Store;
  log: Logger;
  now: () => number;
  /** Called once an event is committed with deliveries left pending, so the dispatcher looks at once. */
  onAccepted: () => void;
  /** This instance's dispatcher, taking new deliveries at once when it has room. */
  handoff?: DeliveryHandoff;
  /** Counts the deliveries each accepted event makes (none counted when absent). */
  telemetry?: Telemetry;
}

/** The answer, and what the request came to for the metrics (a refusal is thrown as HttpError). */
export interface ReceivedHook extends HookResponse {
  outcome: Exclude<RequestOutcome, "rejected">;
}

/** The whole 401 answer: the same words whatever failed, so a caller learns nothing to aim at. */
const VERIFICATION_FAILED = "the request is not verified; the server's log says why";

/**
 * One webhook, from request to answer: the source exists, the method is one the source accepts
 * (405 otherwise), the body parses, every check of the source passes (else 401 verification_failed, nothing stored),
 * a ping is answered without storing, and each event with its deliveries is committed before the
 * 200. A store that cannot commit answers 503 so the sender retries; nothing is half-written.
 */
export async function receiveHook(request: HookRequest, deps: ReceiveDeps): Promise<ReceivedHook> {
  const { rules, log } = deps;
  const source = rules.sources.get(request.source);
  if (!source) {
    throw new HttpError(404, "unknown_source", `no source named "${request.source}" is configured`);
  }
  const prepared = await prepareRequest(request, source, deps.now(), rules.depthLimit);
  if (!prepared.verified) {
    const failed = prepared.checks.filter((c) => !c.ok).map((c) => `${c.scheme}: ${c.reason}`);
    log.warn(
      { source: request.source, code: "verification_failed", failed },
      "request not verified; nothing stored",
    );
    // The caller may be anyone: which check failed, and how, stays in the log and in explain.
    throw new HttpError(401, "verification_failed", VERIFICATION_FAILED);
  }
  if (prepared.ping) {
    log.info({ source: request.source, ping: true }, "ping answered; nothing stored");
    return answer(source, { ok: true, ping: true }, "ping");
  }
  const parsedAs = prepared.parsed.headers[PARSED_AS_HEADER];
  if (parsedAs)
    log.info(
      {
        source: request.source,
        code: "parsed_as_json",
        content_type: prepared.parsed.content_type,
      },
      `the body is JSON sent as ${prepared.parsed.content_type ?? "no content type"}; read as JSON (the source's parse setting pins how bodies are read)`,
    );
  const results: IngestResult[] = [];
  for (const event of prepared.events) {
    let accepted;
    try {
      accepted = await acceptEvent(event, {
        rules,
        store: deps.store,
        log,
        ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
        ...(deps.handoff ? { handoff: deps.handoff } : {}),
      });
    } catch (error) {
      log.error(
        { err: error, source: request.source, code: "store_unavailable" },
        "cannot store the event; answering 503 so the sender retries",
      );
      throw new HttpError(503, "store_unavailable", "the event could not be stored; retry later", {
        "retry-after": "5",
      });
    }
    const { result, selection, delivery_ids } = accepted;
    log.info(
      {
        event_id: result.event_id,
        source: request.source,
        duplicate: result.duplicate,
        matched: selection.matched.map((r) => r.id),
        delivery_ids,
        unmatched: selection.unmatched.map((u) => ({ route: u.route.id, at: u.why.at })),
      },
      result.duplicate ? "repeat event ignored" : "event accepted",
    );
    if (!result.duplicate && selection.matched.length > 0 && !accepted.handed_off)
      deps.onAccepted();
    results.push(result);
  }
  const [only] = results;
  // a split request is a duplicate only when every one of its events is
  const outcome = results.every((r) => r.duplicate) && only ? "duplicate" : "accepted";
  if (!source.config.split && only)
    return answer(
      source,
      only.duplicate
        ? { ok: true, duplicate: true, event_id: only.event_id }
        : { ok: true, event_id: only.event_id },
      outcome,
    );
  return answer(
    source,
    {
      ok: true,
      events: results.map((r) => ({
        event_id: r.event_id,
        ...(r.duplicate ? { duplicate: true } : {}),
      })),
    },
    outcome,
  );
}

/** The source's success answer: its status (200 unless set) and its text body, else the JSON. */
function answer(
  source: CompiledSource,
  json: Record<string, unknown>,
  outcome: ReceivedHook["outcome"],
): ReceivedHook {
  const { response } = source.config;
  return { status: response?.status ?? 200, body: response?.body ?? json, outcome };
}
