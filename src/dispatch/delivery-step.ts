import type { Exchange } from "../core/exchange.ts";
import type { AttemptOutcome, ClaimedDelivery, DeliveryChange } from "../store/store.ts";
import type { Failure } from "./classify-failure.ts";

// A step of a delivery, as the state machine (decideNext) sees it: where the delivery stands,
// what happened to its action, and what follows from that.

/** Where a delivery stands: its claimed row, moved on by the actions done since the claim. */
export type DeliveryState = Pick<
  ClaimedDelivery,
  "next_action" | "attempts" | "outputs" | "wait_since" | "run_since"
>;

/** What the outcome is judged by: the route's actions and the delivery settings that apply. */
export interface DeliveryPolicy {
  /** The route's actions in order: type, the target each calls, the id naming its output. */
  actions: readonly { type: string; target: string; id?: string }[];
  /** The retry schedule (ms), its last wait repeating. */
  retry: readonly number[];
  maxAge: number;
  /** How long a running delivery's lease holds. */
  lease: number;
  /** How long to wait for a target's probe (half-open breaker) before looking again. */
  probeWait: number;
}

/** What happened to the action at `next_action` (or to the delivery as a whole). */
export type StepOutcome =
  | { kind: "invalid_route"; message: string }
  | { kind: "skipped" }
  | {
      kind: "done";
      output: unknown;
      dryRun: boolean;
      /** The requests as sent (in dry run: as they would have been), secrets masked. */
      exchanges: readonly Exchange[];
      /** The circuit breaker closed on this answer. */
      closed?: boolean;
    }
  /** The target is paused (or its probe is out): nothing was tried. */
  | { kind: "paused"; pausedFor: number }
  /** `opened`: the circuit breaker opened on this failure, pausing the target until then. */
  | { kind: "failure"; failure: Failure; opened?: number; closed?: boolean }
  /** The store refused the last change: another worker holds the delivery now. */
  | { kind: "lease_lost" };

export interface LogLine {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  msg: string;
}

export interface Decision {
  /** What to store; none when the lease was lost. */
  change?: DeliveryChange;
  /** The outcome of the attempt to record with the change; none when nothing was tried. */
  attempt?: AttemptOutcome;
  /** Pauses the target for every delivery and worker, before the change is stored. */
  pause?: { target: string; until: number; reason: string };
  /** Where the delivery stands once the change is stored, when its next action runs now. */
  next?: DeliveryState;
  log: LogLine[];
}
