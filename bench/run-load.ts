import { Pool } from "undici";

export interface LoadOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8080. */
  url: string;
  path: string;
  body: string;
  headers: Record<string, string>;
  /** Keep-alive connections, each with one request in flight at a time. */
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Called every `sampleEveryMs` while the measured part runs (e.g. to read the server's RSS). */
  onSample?: () => void;
  sampleEveryMs?: number;
  /** The server's CPU time so far (ms), read when the measured part starts and ends. */
  cpuMs?: () => number;
  /** Given the text of every 2xx answer (warm-up included); without it answers are not read. */
  onAcknowledged?: (text: string) => void;
}

export interface LoadResult {
  requests: number;
  /** Answers other than 2xx, and transport errors. */
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server CPU time per answered request, in ms (NaN without `cpuMs`). */
  cpuMsPerRequest: number;
  /** The server's CPU time when the measured part started (NaN without `cpuMs`). */
  cpuMsAtStart: number;
  /** Every 2xx answer, warm-up and the requests in flight at the end included. */
  acknowledged: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive connections, each sending the next
 * request as soon as the answer to the previous one is read. Requests answered during the
 * warm-up are not counted; latency is from sending to the end of the answer's body.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  const latencies: number[] = [];
  let errors = 0;
  let acknowledged = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let sampler: NodeJS.Timeout | undefined;
  let cpuAtStart = Number.NaN;
  let cpuAtEnd = Number.NaN;
  const startTimer = setTimeout(() => {
    cpuAtStart = options.cpuMs?.() ?? Number.NaN;
    if (options.onSample) sampler = setInterval(options.onSample, options.sampleEveryMs ?? 250);
  }, options.warmupMs);
  const endTimer = setTimeout(() => {
    cpuAtEnd = options.cpuMs?.() ?? Number.NaN;
  }, options.warmupMs + options.durationMs);

  const worker = async () => {
    while (performance.now() < stopAt) {
      const sent = performance.now();
      let ok: boolean;
      try {
        const answer = await pool.request({
          path: options.path,
          method: "POST",
          headers: options.headers,
          body: options.body,
        });
        ok = answer.statusCode >= 200 && answer.statusCode < 300;
        if (ok && options.onAcknowledged) options.onAcknowledged(await answer.body.text());
        else await answer.body.dump();
      } catch {
        ok = false;
      }
      const done = performance.now();
      if (ok) acknowledged += 1;
      if (sent < measureFrom || done > stopAt) continue;
      if (ok) latencies.push(done - sent);
      else errors += 1;
    }
  };

  await Promise.all(Array.from({ length: options.connections }, worker));
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  // The last answers may come in before the end timer had its turn.
  if (Number.isNaN(cpuAtEnd)) cpuAtEnd = options.cpuMs?.() ?? Number.NaN;
  clearInterval(sampler);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / (options.durationMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    cpuMsPerRequest: (cpuAtEnd - cpuAtStart) / latencies.length,
    cpuMsAtStart: cpuAtStart,
    acknowledged,
  };
}

/** The nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
