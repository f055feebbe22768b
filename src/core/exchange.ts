/** One HTTP exchange made by an action, secrets masked. */
export interface Exchange {
  method: string;
  url: string;
  request_headers: Record<string, string>;
  request_body?: unknown;
  status?: number;
  response_headers?: Record<string, string>;
  response_body?: string;
  duration_ms?: number;
  error?: string;
}
