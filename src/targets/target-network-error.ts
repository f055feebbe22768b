/** A call that got no answer: connection refused or reset, DNS, TLS, or a timeout. */
export class TargetNetworkError extends Error {
  /** `timeout`, or the system/undici code such as ECONNREFUSED, UND_ERR_SOCKET. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "TargetNetworkError";
    this.code = code;
  }
}
