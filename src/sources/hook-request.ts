/** An inbound webhook request, as the HTTP layer (or `botbridge explain`) hands it over. */
export interface HookRequest {
  source: string;
  method: string;
  /** The path as called, without the query string. */
  path: string;
  /** The URL as the sender called it (scheme, host, path, query), for signatures that cover it. */
  url?: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  /** The client's address as the server sees it (after trust_proxy). */
  remote_address: string;
}

/** What the sender gets back. */
export interface HookResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
