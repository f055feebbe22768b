/**
 * An action's own verdict on a failure. `failed` ends the delivery (default); `retry` tries again
 * on the retry schedule; `wait` looks again later without using up an attempt (a subscriber who
 * is not there yet), until the action's own deadline.
 */
export class ActionError extends Error {
  readonly code: string;
  readonly kind: "failed" | "retry" | "wait";
  /** For `wait`: how long, from the first wait, to keep looking. */
  readonly waitFor: number | undefined;
  constructor(
    code: string,
    message: string,
    options: { kind?: "failed" | "retry" | "wait"; waitFor?: number } = {},
  ) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    this.kind = options.kind ?? "failed";
    this.waitFor = options.waitFor;
  }
}
