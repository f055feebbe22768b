import type { Logger } from "pino";
import type { Telemetry } from "../../core/telemetry.ts";
import type { Action } from "../../actions/define-action.ts";
import type { Config } from "../../config/config.ts";
import type { RouteCache } from "../../dispatch/route-cache.ts";
import type { OperatorStore } from "../../store/operator-store.ts";
import type { Store } from "../../store/store.ts";
import type { CircuitBreaker } from "../../targets/circuit-breaker.ts";
import type { Masker } from "../../targets/mask-secrets.ts";

/** What the operator service reads and changes: built once in main.ts. */
export interface OperateDeps {
  store: Store & OperatorStore;
  /** The running config (a reload swaps it). */
  config: () => Config;
  actions: ReadonlyMap<string, Action>;
  /** Compiles route snapshots (replay with original rules). */
  routes: () => RouteCache;
  /** Masks the config's secrets in what is shown. */
  masker: () => Masker;
  /** This process's circuit breaker: a resume closes it for the target. */
  breaker: CircuitBreaker;
  /** Wakes this process's dispatcher. */
  wake: () => void;
  /** The search terms of an operator's `q` (queryTermsOf), matched against the events' terms. */
  queryTerms: (q: string) => string[];
  now: () => number;
  log: Logger;
  /** Counts operator changes for the metrics (none counted when absent). */
  telemetry?: Telemetry;
}
