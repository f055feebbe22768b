import type { DeliveryDetailView } from "../api/response-schemas.ts";
import { HttpError } from "../../core/http-error.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { attemptView, deliveryView } from "./to-views.ts";

/** A delivery with the route snapshot it runs and every attempt (requests as sent, masked). */
export async function describeDelivery(id: string, deps: OperateDeps): Promise<DeliveryDetailView> {
  const detail = await deps.store.getDelivery(id);
  if (!detail) throw new HttpError(404, "not_found", `no delivery ${id}`);
  const attempts = await deps.store.listAttempts(id);
  const masker = deps.masker();
  return {
    ...deliveryView(detail, masker),
    source: detail.source,
    route_snapshot: masker.value(detail.route_snapshot) as Record<string, unknown>,
    attempt_history: attempts.map(attemptView),
  };
}
