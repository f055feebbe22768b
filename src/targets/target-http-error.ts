/** A target answered with a status the action does not accept. */
export class TargetHttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  constructor(status: number, headers: Record<string, string>, body: string, what = "target") {
    super(`${what} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ""}`);
    this.name = "TargetHttpError";
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}
