/** A request refused at ingest, answered `{"error":{"code","message"}}` with its HTTP status. */
export class IngestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "IngestError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
