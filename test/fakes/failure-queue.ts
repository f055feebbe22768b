/** A scripted answer that replaces a fake's normal one for the next matching request(s). */
export interface ScriptedFailure {
  /** Only requests with this method (case-insensitive); any method when absent. */
  method?: string;
  /** Only requests whose path equals this string or matches this RegExp; any path when absent. */
  path?: string | RegExp;
  /** The status to answer; when absent the fake answers normally (after `delayMs`). */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. Defaults to `{"message": <reason phrase>}`. */
  body?: unknown;
  /** How many matching requests this applies to; 1 when absent. */
  times?: number;
  /** Wait this long before answering: longer than a client's timeout makes a hang. */
  delayMs?: number;
}

export interface FailureQueue {
  add(failure: ScriptedFailure): void;
  /** The first queued failure that matches, consumed once; undefined when none matches. */
  take(method: string, path: string): ScriptedFailure | undefined;
  /** How many uses are still queued. */
  readonly pending: number;
  clear(): void;
}

interface QueuedFailure {
  failure: ScriptedFailure;
  remaining: number;
}

/** An ordered queue of scripted failures, each used `times` times. */
export function createFailureQueue(): FailureQueue {
  const queue: QueuedFailure[] = [];
  return {
    add(failure) {
      const times = failure.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error("failNext: times must be >= 1");
      queue.push({ failure, remaining: times });
    },
    take(method, path) {
      const index = queue.findIndex(({ failure }) => matchesFailure(failure, method, path));
      const queued = queue[index];
      if (queued === undefined) return undefined;
      queued.remaining -= 1;
      if (queued.remaining === 0) queue.splice(index, 1);
      return queued.failure;
    },
    get pending() {
      return queue.reduce((sum, queued) => sum + queued.remaining, 0);
    },
    clear() {
      queue.length = 0;
    },
  };
}

function matchesFailure(failure: ScriptedFailure, method: string, path: string): boolean {
  if (failure.method !== undefined && failure.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (failure.path === undefined) return true;
  return typeof failure.path === "string"
    ? failure.path === path
    : path.search(failure.path) !== -1;
}
