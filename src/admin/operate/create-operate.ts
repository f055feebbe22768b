import type {
  DeliveryFilterInput,
  EventsQuery,
  PauseInput,
  ReplayInput,
} from "../api/request-schemas.ts";
import type {
  AuditView,
  ChangeView,
  DeliveryDetailView,
  DeliveryView,
  EventDetailView,
  EventSummaryView,
  OperationView,
  ReplayView,
  StatsView,
  TargetView,
} from "../api/response-schemas.ts";
import type { Page, PageRequest } from "../../store/operator-store.ts";
import { describeDelivery } from "./describe-delivery.ts";
import { describeEvent } from "./describe-event.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { changeDelivery } from "./change-delivery.ts";
import { replayEvent } from "./replay-event.ts";
import { startBulkOperation } from "./run-bulk-operation.ts";
import { describeStats } from "./describe-stats.ts";
import { holdTarget, releaseTarget, describeTargets } from "./hold-target.ts";
import { HttpError } from "../../core/http-error.ts";
import {
  auditView,
  deliveryView,
  eventSummaryView,
  operationView,
  toDeliveryFilter,
} from "./to-views.ts";

/**
 * The operator service: what the API (src/admin/api/), the console and the CLI (through the API)
 * read and change. Built once in main.ts; every change takes the actor (the token's name) and is
 * written to the audit log, then wakes this dispatcher and tells the other instances. Missing
 * things throw HttpError 404 `not_found`, changes that do not fit a delivery's state 409.
 * Times are ISO 8601 strings, as the API answers them.
 */
export interface Operate {
  /** Events newest first; `q` searches the stored request (phones and e-mails in any spelling). */
  listEvents(
    query: Omit<EventsQuery, "cursor" | "limit">,
    page: PageRequest,
  ): Promise<Page<EventSummaryView>>;
  getEvent(id: string): Promise<EventDetailView>;
  listDeliveries(filter: DeliveryFilterInput, page: PageRequest): Promise<Page<DeliveryView>>;
  getDelivery(id: string): Promise<DeliveryDetailView>;
  retryDelivery(id: string, options: { force: boolean }, actor: string): Promise<ChangeView>;
  cancelDelivery(id: string, actor: string): Promise<ChangeView>;
  /** How many deliveries a bulk retry or cancel would touch. */
  estimateBulk(filter: DeliveryFilterInput): Promise<number>;
  /** Starts a bulk retry or cancel in the background; its progress is getOperation's. */
  startBulk(
    kind: "retry" | "cancel",
    filter: DeliveryFilterInput,
    options: { force: boolean },
    actor: string,
  ): Promise<OperationView>;
  getOperation(id: string): Promise<OperationView>;
  replayEvent(id: string, input: ReplayInput, actor: string): Promise<ReplayView>;
  listTargets(): Promise<TargetView[]>;
  getTarget(name: string): Promise<TargetView>;
  pauseTarget(name: string, input: PauseInput, actor: string): Promise<TargetView>;
  resumeTarget(name: string, actor: string): Promise<TargetView>;
  /** Counts over the last `windowMs`. */
  stats(windowMs: number): Promise<StatsView>;
  listAudit(page: PageRequest): Promise<Page<AuditView>>;
  /** Resolves once the bulk operations started so far have finished (tests, shutdown). */
  settled(): Promise<void>;
}

export function createOperate(deps: OperateDeps): Operate {
  const { store } = deps;
  const running = new Set<Promise<void>>();
  const target = async (name: string): Promise<TargetView> => {
    const found = (await describeTargets(deps)).find((t) => t.name === name);
    if (!found) throw new HttpError(404, "not_found", `no target ${name}`);
    return found;
  };
  return {
    async listEvents(query, page) {
      const { q, since, until, ...rest } = query;
      const terms = q === undefined || q.trim() === "" ? undefined : deps.queryTerms(q);
      if (terms?.length === 0)
        throw new HttpError(
          400,
          "invalid_query",
          "q: nothing to search for (two letters or digits at least)",
        );
      const result = await store.listEvents(
        {
          ...rest,
          since: since === undefined ? undefined : Date.parse(since),
          until: until === undefined ? undefined : Date.parse(until),
          terms,
        },
        page,
      );
      return { data: result.data.map(eventSummaryView), next_cursor: result.next_cursor };
    },
    getEvent: (id) => describeEvent(id, deps),
    async listDeliveries(filter, page) {
      const result = await store.listDeliveryPage(toDeliveryFilter(filter), page);
      const masker = deps.masker();
      return {
        data: result.data.map((d) => deliveryView(d, masker)),
        next_cursor: result.next_cursor,
      };
    },
    getDelivery: (id) => describeDelivery(id, deps),
    retryDelivery: (id, options, actor) => changeDelivery("retry", id, options, actor, deps),
    cancelDelivery: (id, actor) => changeDelivery("cancel", id, { force: false }, actor, deps),
    estimateBulk: (filter) => store.countDeliveries(toDeliveryFilter(filter)),
    async startBulk(kind, filter, options, actor) {
      const { operation, finished } = await startBulkOperation(
        { kind, filter: toDeliveryFilter(filter), force: options.force },
        actor,
        deps,
      );
      running.add(finished);
      void finished.finally(() => running.delete(finished));
      return operationView(operation);
    },
    async getOperation(id) {
      const operation = await store.getOperation(id);
      if (!operation) throw new HttpError(404, "not_found", `no operation ${id}`);
      return operationView(operation);
    },
    replayEvent: (id, input, actor) => replayEvent(id, input, actor, deps),
    listTargets: () => describeTargets(deps),
    getTarget: target,
    async pauseTarget(name, input, actor) {
      await target(name);
      await holdTarget(name, input, actor, deps);
      return target(name);
    },
    async resumeTarget(name, actor) {
      await target(name);
      await releaseTarget(name, actor, deps);
      return target(name);
    },
    stats: (windowMs) => describeStats(windowMs, deps),
    async listAudit(page) {
      const result = await store.listAudit(page);
      return { data: result.data.map(auditView), next_cursor: result.next_cursor };
    },
    async settled() {
      await Promise.all([...running]);
    },
  };
}
