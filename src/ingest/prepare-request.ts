import type { CompiledSource } from "../sources/compile-source.ts";
import { eventContext } from "../templates/event-context.ts";
import { assertDepth } from "../sources/assert-depth.ts";
import type { HookRequest } from "../sources/hook-request.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { readEvent } from "../sources/read-event.ts";
import { shapeEvent } from "../sources/shape-event.ts";
import type { CheckResult } from "../sources/verifiers/check-result.ts";
import { DEFAULT_METHODS } from "../sources/source-settings-schema.ts";
import { HttpError } from "../core/http-error.ts";

export interface PreparedRequest {
  /** The request as parsed, before any check (credentials included: never store this one). */
  parsed: InboundEvent;
  /** Every check's result, in order; all must be ok. */
  checks: CheckResult[];
  verified: boolean;
  /** A sender's test request: answer it, store nothing. */
  ping: boolean;
  /** What to store: verified, credentials removed, shaped; empty unless verified and not a ping. */
  events: InboundEvent[];
}

/**
 * Stage 1 up to the store: a method the source does not accept is 405 method_not_allowed (with
 * the Allow header), then parse, run every check of the source, drop the credentials, spot a
 * ping, and shape the event(s). Nothing here writes anything. A body or query nesting more than
 * `depthLimit` deep (server.depth_limit), as sent or once shaped, is 400 body_too_deep.
 */
export async function prepareRequest(
  request: HookRequest,
  source: CompiledSource,
  now: number,
  depthLimit: number,
): Promise<PreparedRequest> {
  const methods = source.config.methods ?? DEFAULT_METHODS;
  const method = request.method.toUpperCase();
  if (!(methods as readonly string[]).includes(method))
    throw new HttpError(
      405,
      "method_not_allowed",
      `${method} is not accepted by source ${source.name}; send ${methods.join(" or ")} (its methods setting says which)`,
      { allow: methods.join(", ") },
    );
  const parsed = await readEvent(request, now, depthLimit, source.config.parse);
  const input = {
    method: parsed.method,
    url:
      request.url ?? `http://localhost${request.path}${request.query ? `?${request.query}` : ""}`,
    headers: parsed.headers,
    query: parsed.query,
    body: parsed.body,
    raw: request.raw,
    remote_address: request.remote_address,
    now,
  };
  const checks = source.verifiers.map((v) => v.check(input));
  const verified = checks.every((c) => c.ok);
  if (!verified) return { parsed, checks, verified, ping: false, events: [] };
  let event = parsed;
  for (const verifier of source.verifiers) if (verifier.strip) event = verifier.strip(event);
  const ping = source.ping ? (await source.ping.evaluate(eventContext(event))).matched : false;
  if (ping) return { parsed, checks, verified, ping, events: [] };
  return { parsed, checks, verified, ping, events: shapeChecked(event, source, depthLimit) };
}

/** The shaped event(s), none nesting deeper than the limit (json_fields can unpack a deep text). */
export function shapeChecked(
  event: InboundEvent,
  source: CompiledSource,
  depthLimit: number,
): InboundEvent[] {
  const events = shapeEvent(event, source.config);
  for (const shaped of events) assertDepth(shaped.body, depthLimit, "body");
  return events;
}
