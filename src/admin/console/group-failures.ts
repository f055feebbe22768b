import type { WindowStats } from "../../store/operator-store.ts";
import type { DeliveryRow } from "../../store/store.ts";
import type { ConsoleDeps } from "./console-deps.ts";

/** Failed deliveries of one route with one error code. */
export interface FailureGroup {
  route_id: string;
  target: string | null;
  code: string;
  /** The latest one's error, as it was recorded. */
  last_error: string;
  count: number;
  /** The count is of the latest SAMPLE failed deliveries only: there are more. */
  more: boolean;
}

const SAMPLE = 500;

/**
 * The latest failed deliveries grouped by route and error code, counted within that sample (an
 * exact count of a group is the bulk retry's estimate, asked for on its own page): one index
 * walk, whatever the store holds.
 */
export async function groupFailures(deps: Pick<ConsoleDeps, "store">): Promise<FailureGroup[]> {
  const page = await deps.store.listDeliveryPage({ status: "failed" }, { limit: SAMPLE });
  const groups = new Map<string, FailureGroup>();
  for (const row of page.data) {
    const code = codeOf(row);
    const key = `${row.route_id}\n${code}`;
    const group = groups.get(key) ?? {
      route_id: row.route_id,
      target: row.next_target,
      code,
      last_error: row.last_error ?? "",
      count: 0,
      more: page.next_cursor !== null,
    };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/**
 * The routes whose deliveries failed in a window (counted by the window's stats), each with the
 * error and target of its latest failure: the overview's sentence and list.
 */
export async function recentFailures(
  deps: Pick<ConsoleDeps, "store">,
  window: WindowStats,
): Promise<FailureGroup[]> {
  const failing = window.by_route
    .filter((r) => r.status === "failed" && r.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  return Promise.all(
    failing.map(async ({ route_id, count }) => {
      const page = await deps.store.listDeliveryPage(
        { status: "failed", route: route_id },
        { limit: 1 },
      );
      const latest = page.data[0];
      return {
        route_id,
        target: latest?.next_target ?? null,
        code: latest ? codeOf(latest) : "unknown",
        last_error: latest?.last_error ?? "",
        count,
        more: false,
      };
    }),
  );
}

function codeOf(row: DeliveryRow): string {
  return /^([a-z][a-z0-9_]*)/.exec(row.last_error ?? "")?.[1] ?? "unknown";
}
