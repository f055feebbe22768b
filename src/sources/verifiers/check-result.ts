/** The outcome of one verification check, in words that never contain a secret. */
export interface CheckResult {
  /** token, hmac, basic or ip_allow */
  scheme: string;
  ok: boolean;
  /** What was checked and, on failure, why it failed. */
  reason: string;
}

/** What a check looks at: the raw request and its parsed query and body. */
export interface CheckInput {
  method: string;
  /** The URL as the sender called it (for signatures that cover it). */
  url: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  raw: Buffer;
  remote_address: string;
  /** Unix milliseconds of the (possibly frozen) clock. */
  now: number;
}

/** Settings completed with their defaults, or the name of the first required setting missing. */
export type Completed<T> =
  { ok: true; settings: T } | { ok: false; missing: string; because?: string };
