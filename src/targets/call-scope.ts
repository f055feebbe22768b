import type { Exchange } from "../core/exchange.ts";
import type { TargetRequest } from "./target-http.ts";

/** One attempt's view of outgoing calls: where exchanges are recorded, and when to give up. */
export interface CallScope {
  exchanges: Exchange[];
  signal: AbortSignal;
  /**
   * What the target answers a call in dry run (the answer's body), instead of sending it; without
   * it a dry-run call answers nothing (null).
   */
  answer?: (request: TargetRequest) => Promise<unknown>;
}
