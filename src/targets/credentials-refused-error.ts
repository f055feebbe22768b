/**
 * The target refused botbridge's own credentials (BotHelp's token request refused, a 401 a fresh
 * token does not fix, Metabot's 401 or 403): no delivery can get through until they are fixed.
 * The dispatcher holds the target (cause `credentials`) and its deliveries wait; none fails.
 */
export class CredentialsRefusedError extends Error {
  readonly code: string;
  readonly status: number;
  /** The answer's body, secrets masked. */
  readonly body: string;
  constructor(code: string, message: string, status: number, body = "") {
    super(message);
    this.name = "CredentialsRefusedError";
    this.code = code;
    this.status = status;
    this.body = body;
  }
}
