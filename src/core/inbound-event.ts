/** One accepted inbound request, as stored and as templates see it. */
export interface InboundEvent {
  /** UUIDv7: unique, and sorts by arrival. */
  id: string;
  source: string;
  /** ISO 8601, UTC */
  received_at: string;
  method: string;
  /** The request path as called, without the query string. */
  path: string;
  query: Record<string, unknown>;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  content_type: string | null;
  body: unknown;
}
