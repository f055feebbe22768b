/**
 * A read that runs at most once per `maxAgeMs` however often it is asked for: callers within
 * that time get the last value, concurrent callers share one read in flight. A failed read
 * keeps the last value (with none yet, callers get its error) until the next try, `maxAgeMs`
 * later: a store that is down is not asked once per caller either.
 */
export function cacheLatest<T>(
  read: () => Promise<T>,
  options: { now: () => number; maxAgeMs: number },
): () => Promise<T> {
  let last: { value: T } | { error: Error } | undefined;
  let triedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<T> | undefined;
  const answer = (): Promise<T> => {
    if (last && "value" in last) return Promise.resolve(last.value);
    return Promise.reject(last?.error ?? new Error("not read yet"));
  };
  return () => {
    if (last && options.now() - triedAt < options.maxAgeMs) return answer();
    inFlight ??= read()
      .then(
        (value) => {
          last = { value };
        },
        (error: unknown) => {
          if (!last || "error" in last)
            last = { error: error instanceof Error ? error : new Error(String(error)) };
        },
      )
      .then(() => {
        triedAt = options.now();
        inFlight = undefined;
        return answer();
      });
    return inFlight;
  };
}
