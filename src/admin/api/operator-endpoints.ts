import { z } from "zod";
import { parseDuration } from "../../core/duration-schema.ts";
import { defineEndpoint, type Endpoint } from "./define-endpoint.ts";
import {
  bulkBody,
  deliveriesQuery,
  eventsQuery,
  pageQuery,
  pauseBody,
  replayBody,
  retryBody,
  statsQuery,
} from "./request-schemas.ts";
import {
  auditEntry,
  change,
  delivery,
  deliveryDetail,
  estimate,
  eventDetail,
  eventSummary,
  operation,
  pageOf,
  replayResult,
  stats,
  targetState,
} from "./response-schemas.ts";

const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, schema },
});
const answer = (body: unknown) => ({ status: 200, body });
const notFound = { 404: "not_found: no such item" };
const badQuery = { 400: "invalid_query or invalid_cursor" };
const badBody = { 400: "invalid_body" };
const pageOfInput = ({ cursor, limit }: { cursor?: string | undefined; limit: number }) => ({
  cursor,
  limit,
});
const omitPage = <T extends { cursor?: unknown; limit: unknown }>({
  cursor: _c,
  limit: _l,
  ...rest
}: T) => rest;

/** Every endpoint of the operator API, in the order docs/api.md lists them. */
export const OPERATOR_ENDPOINTS: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/events",
    summary: "Events, newest first",
    description:
      "Filters combine; `q` searches the stored request, and a phone number or e-mail in it also finds other spellings of it.",
    query: eventsQuery,
    responses: ok(pageOf(eventSummary), "A page of events"),
    errors: badQuery,
    handle: async (op, { query }) =>
      answer(await op.listEvents(omitPage(query), pageOfInput(query))),
  }),
  defineEndpoint({
    method: "get",
    path: "/events/{id}",
    summary: "An event: the request as stored, its routes and deliveries",
    description:
      "Headers with secrets masked; every route of the source under today's rules with matched or why not (the words of `botbridge explain`); each delivery with its attempts.",
    responses: ok(eventDetail, "The event"),
    errors: notFound,
    handle: async (op, { params }) => answer(await op.getEvent(params.id ?? "")),
  }),
  defineEndpoint({
    method: "post",
    path: "/events/{id}/replay",
    summary: "Replay an event under current or original rules",
    description:
      "A dry run answers which routes would match, the rendered params of their first actions and what differs from the deliveries the event has, storing and sending nothing. A real replay adds deliveries beside the old ones; it never goes through dedupe.",
    body: replayBody,
    responses: ok(replayResult, "What the replay did (or would do)"),
    errors: {
      ...badBody,
      ...notFound,
      409: "snapshot_invalid: the original rules no longer compile",
    },
    handle: async (op, { params, body, actor }) =>
      answer(await op.replayEvent(params.id ?? "", body, actor)),
  }),
  defineEndpoint({
    method: "get",
    path: "/deliveries",
    summary: "Deliveries, newest first",
    query: deliveriesQuery,
    responses: ok(pageOf(delivery), "A page of deliveries"),
    errors: badQuery,
    handle: async (op, { query }) =>
      answer(await op.listDeliveries(omitPage(query), pageOfInput(query))),
  }),
  defineEndpoint({
    method: "get",
    path: "/deliveries/{id}",
    summary: "A delivery with every attempt",
    description:
      "Each attempt with the requests as sent (in dry run: as they would have been sent), responses, durations, outcomes and error codes, secrets masked.",
    responses: ok(deliveryDetail, "The delivery"),
    errors: notFound,
    handle: async (op, { params }) => answer(await op.getDelivery(params.id ?? "")),
  }),
  defineEndpoint({
    method: "post",
    path: "/deliveries/{id}/retry",
    summary: "Retry a failed or cancelled delivery now",
    description:
      "It runs again from the action that failed, never repeating the actions that succeeded; `force` re-runs a succeeded one from its first action.",
    body: retryBody,
    responses: ok(change, "Retried"),
    errors: { ...badBody, ...notFound, 409: "conflict: the delivery is not failed or cancelled" },
    handle: async (op, { params, body, actor }) =>
      answer(await op.retryDelivery(params.id ?? "", body, actor)),
  }),
  defineEndpoint({
    method: "post",
    path: "/deliveries/{id}/cancel",
    summary: "Cancel a pending or running delivery",
    responses: ok(change, "Cancelled"),
    errors: { ...notFound, 409: "conflict: the delivery is finished" },
    handle: async (op, { params, actor }) =>
      answer(await op.cancelDelivery(params.id ?? "", actor)),
  }),
  ...(["retry", "cancel"] as const).map((kind) =>
    defineEndpoint({
      method: "post",
      path: `/deliveries/${kind}`,
      summary: `${kind === "retry" ? "Retry" : "Cancel"} every delivery a filter matches`,
      description:
        "With `estimate: true`, answers how many deliveries it would touch and changes nothing. Otherwise it runs in the background in batches of 100 and answers 202 with the operation; follow it at GET /operations/{id}.",
      body: bulkBody,
      responses: {
        200: { description: "The estimate", schema: estimate },
        202: { description: "The operation, started", schema: operation },
      },
      errors: badBody,
      handle: async (op, { body, actor }) =>
        body.estimate
          ? answer({ estimate: true, total: await op.estimateBulk(body.filter) })
          : {
              status: 202,
              body: await op.startBulk(kind, body.filter, { force: body.force }, actor),
            },
    }),
  ),
  defineEndpoint({
    method: "get",
    path: "/operations/{id}",
    summary: "A bulk operation's progress",
    responses: ok(operation, "The operation"),
    errors: notFound,
    handle: async (op, { params }) => answer(await op.getOperation(params.id ?? "")),
  }),
  defineEndpoint({
    method: "get",
    path: "/targets",
    summary: "Targets: pause, backlog, last success and failure",
    responses: ok(z.strictObject({ data: z.array(targetState) }), "Every target"),
    errors: {},
    handle: async (op) => answer({ data: await op.listTargets() }),
  }),
  defineEndpoint({
    method: "get",
    path: "/targets/{name}",
    summary: "A target",
    responses: ok(targetState, "The target"),
    errors: notFound,
    handle: async (op, { params }) => answer(await op.getTarget(params.name ?? "")),
  }),
  defineEndpoint({
    method: "post",
    path: "/targets/{name}/pause",
    summary: "Pause a target: hold its deliveries",
    description:
      "Its deliveries wait without using up their attempts (nothing is discarded) until `until` or until resumed, on every instance.",
    body: pauseBody,
    responses: ok(targetState, "The target, paused"),
    errors: { ...badBody, ...notFound },
    handle: async (op, { params, body, actor }) =>
      answer(await op.pauseTarget(params.name ?? "", body, actor)),
  }),
  defineEndpoint({
    method: "post",
    path: "/targets/{name}/resume",
    summary: "Resume a target: its deliveries drain at its rate limit",
    description: "Ends every pause of the target (by hand, a 429's, the circuit breaker's).",
    responses: ok(targetState, "The target, resumed"),
    errors: notFound,
    handle: async (op, { params, actor }) =>
      answer(await op.resumeTarget(params.name ?? "", actor)),
  }),
  defineEndpoint({
    method: "get",
    path: "/stats",
    summary: "Counts by status and route over a window, rates, the oldest waiting delivery",
    query: statsQuery,
    responses: ok(stats, "The counts"),
    errors: badQuery,
    handle: async (op, { query }) =>
      answer(await op.stats(parseDuration(query.window) ?? 86_400_000)),
  }),
  defineEndpoint({
    method: "get",
    path: "/audit",
    summary: "The audit log: every change made through the API, newest first",
    query: pageQuery,
    responses: ok(pageOf(auditEntry), "A page of entries"),
    errors: badQuery,
    handle: async (op, { query }) => answer(await op.listAudit(pageOfInput(query))),
  }),
];
