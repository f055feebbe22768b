import type { TargetContext } from "./target-context.ts";

/** One action of a route that calls a target, with its params as written in routes.yaml. */
export interface TargetUse {
  target: string;
  route: string;
  /** 0-based index of the action in its route. */
  action: number;
  /** The action type, e.g. `bothelp.start_flow`. */
  type: string;
  params: Readonly<Record<string, unknown>>;
}

/** Something the routes use that the target's account does not have. */
export interface TargetCheckMiss {
  /** Log fields besides the target's name, e.g. route_id, action (1-based), kind, referral. */
  fields: Record<string, string | number>;
  message: string;
}

/** What a start-up check found. */
export interface TargetCheckReport {
  /** What `botbridge targets check` prints under the target's name: what the account has and lacks. */
  lines: string[];
  /** Logged one by one as warnings by serve; `targets check` exits 1 when there is any. */
  missing: TargetCheckMiss[];
  /** Logged by serve when nothing is missing. */
  summary: string;
}

/**
 * A kind's check of a target against its live account, run by serve at start (logged) and by
 * `botbridge targets check` (printed). Targets in dry run are never checked.
 */
export interface TargetStartupCheck<T> {
  /** What is checked, for messages: "could not check <title> <subject>". */
  subject: string;
  /** Whether serve checks this target at start: the option is on and the routes give it work. */
  atStart(target: T, uses: readonly TargetUse[]): boolean;
  /** Checks the target against the uses of it in the routes; throws when it cannot. */
  run(context: TargetContext<T>, uses: readonly TargetUse[]): Promise<TargetCheckReport>;
}
