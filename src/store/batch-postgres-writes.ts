export interface WriteBatchOptions<T> {
  /** Statements in flight at once; writes arriving meanwhile wait and go together. */
  maxInFlight?: number;
  /** Items in one statement. */
  maxItems?: number;
  /** Bytes of items in one statement (a single larger item still goes, alone). */
  maxBytes?: number;
  /** What an item weighs against `maxBytes`. */
  bytesOf?: (item: T) => number;
  /** Items with one key never share a statement (e.g. one dedupe key, one delivery). */
  keyOf?: (item: T) => string | undefined;
  /**
   * Whether a failed statement may have failed for one of its items, so that each is worth
   * trying alone (a constraint or a value); not for a lost connection or a timeout, which would
   * only be waited for once per item.
   */
  mayBeOneItem?: (error: unknown) => boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit for PostgreSQL writes: while `maxInFlight` statements run, new writes queue, and
 * the next statement takes all that queued (up to the limits), one multi-row statement, one
 * round trip and one commit for all. An idle store writes each item at once. Items go in the
 * order they came, and two with one key never share a statement (the later waits for the
 * next). When a statement of several fails for what may be one item's fault, each of its items
 * is tried alone, in order, so one bad item fails only its own write; any other failure (of the
 * statement, or of one tried alone) fails the rest at once. `write` answers one result per item,
 * in order.
 */
export function batchPostgresWrites<T, R>(
  write: (items: readonly T[]) => Promise<R[]>,
  options: WriteBatchOptions<T> = {},
): (item: T) => Promise<R> {
  const { maxInFlight = 3, maxItems = 100, maxBytes = 4_000_000 } = options;
  const { bytesOf = () => 0, keyOf = () => undefined, mayBeOneItem = () => true } = options;
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;

  // In arrival order, stopping at the first item that does not fit. Within a statement items
  // keep their order (seq orders an order key's deliveries); statements in flight together may
  // commit in either order, as separate ingests always could.
  const take = (): Waiting<T, R>[] => {
    const keys = new Set<string>();
    let bytes = 0;
    let count = 0;
    for (const { item } of queue) {
      const key = keyOf(item);
      const size = bytesOf(item);
      const full = count === maxItems || (count > 0 && bytes + size > maxBytes);
      if (full || (key !== undefined && keys.has(key))) break;
      if (key !== undefined) keys.add(key);
      bytes += size;
      count += 1;
    }
    return queue.splice(0, count);
  };

  const oneItemsFault = (error: unknown): boolean => {
    try {
      return mayBeOneItem(error);
    } catch {
      return false;
    }
  };

  // one result per item, in order; an item the statement returned none for fails
  const answer = (batch: readonly Waiting<T, R>[], results: readonly R[]): void => {
    for (const [i, w] of batch.entries()) {
      if (i < results.length) w.resolve(results[i] as R);
      else w.reject(new Error("the statement returned fewer results than it was given items"));
    }
  };

  const settle = async (batch: readonly Waiting<T, R>[]): Promise<void> => {
    try {
      answer(batch, await write(batch.map((w) => w.item)));
    } catch (error) {
      if (batch.length > 1 && oneItemsFault(error)) await settleAlone(batch);
      else for (const w of batch) w.reject(error);
    }
  };

  // Each alone, in order. A failure that is not one item's (a timeout, a lost connection) fails
  // the rest at once instead of being waited for once per item.
  const settleAlone = async (batch: readonly Waiting<T, R>[]): Promise<void> => {
    for (const [i, w] of batch.entries()) {
      try {
        answer([w], await write([w.item]));
      } catch (error) {
        w.reject(error);
        if (!oneItemsFault(error)) {
          for (const rest of batch.slice(i + 1)) rest.reject(error);
          return;
        }
      }
    }
  };

  const flush = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      let batch: Waiting<T, R>[];
      try {
        batch = take();
      } catch (error) {
        for (const w of queue.splice(0)) w.reject(error);
        return;
      }
      inFlight += 1;
      void settle(batch).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      flush();
    });
}
