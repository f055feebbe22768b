import type { DeliveryFilter, Operation } from "../../store/operator-store.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { recordChange } from "./record-change.ts";

/** Deliveries changed per batch of a bulk operation. */
export const BULK_BATCH = 100;

export interface BulkRequest {
  kind: "retry" | "cancel";
  filter: DeliveryFilter;
  force: boolean;
}

/**
 * Starts a bulk retry or cancel: the operation is recorded (and audited) with how many
 * deliveries the filter matches now, and then runs in the background in batches of 100, its
 * progress written to the operation after each batch (GET /operations/{id}). Resolves with the
 * operation as started and the promise of its end.
 */
export async function startBulkOperation(
  request: BulkRequest,
  actor: string,
  deps: OperateDeps,
): Promise<{ operation: Operation; finished: Promise<void> }> {
  const { store } = deps;
  const total = await store.countDeliveries(request.filter);
  const operation = await store.createOperation({
    kind: request.kind,
    filter: request.filter,
    actor,
    total,
    now: deps.now(),
  });
  await store.recordAudit({
    at: deps.now(),
    actor,
    action: `bulk_${request.kind}`,
    subject: `operation:${operation.id}`,
    details: { filter: request.filter, total, ...(request.force ? { force: true } : {}) },
  });
  const finished = runBatches(operation.id, request, actor, deps).catch(async (error: unknown) => {
    deps.log.error({ err: error, operation_id: operation.id }, "bulk operation failed");
    await store
      .updateOperation(operation.id, {
        status: "failed",
        error: (error as Error).message,
        now: deps.now(),
      })
      .catch(() => undefined);
  });
  return { operation, finished };
}

async function runBatches(
  id: string,
  request: BulkRequest,
  actor: string,
  deps: OperateDeps,
): Promise<void> {
  const { store } = deps;
  let after: string | null = null;
  let done = 0;
  let changed = 0;
  for (;;) {
    const batch = await store.selectDeliveryIds(request.filter, after, BULK_BATCH);
    for (const deliveryId of batch.ids) {
      const result =
        request.kind === "retry"
          ? await store.retryDelivery(deliveryId, deps.now(), { force: request.force })
          : await store.cancelDelivery(deliveryId, deps.now());
      done += 1;
      if (result === "changed") changed += 1;
    }
    await store.updateOperation(id, { done, changed, now: deps.now() });
    if (request.kind === "retry" && batch.ids.length > 0) {
      deps.wake();
      await store.notifyChanged();
    }
    if (batch.next === null || batch.ids.length === 0) break;
    after = batch.next;
  }
  await store.updateOperation(id, { status: "done", done, changed, now: deps.now() });
  deps.log.info(
    { operation_id: id, kind: request.kind, actor, done, changed },
    "bulk operation done",
  );
  await recordChange(deps, {
    actor,
    action: `bulk_${request.kind}_done`,
    subject: `operation:${id}`,
    details: { done, changed },
  });
}
