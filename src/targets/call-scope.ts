import type { Exchange } from "../core/exchange.ts";

/** One attempt's view of outgoing calls: where exchanges are recorded, and when to give up. */
export interface CallScope {
  exchanges: Exchange[];
  signal: AbortSignal;
}
