/** What an operator command's exit code means (documented in the README and every command's --help). */
export const EXIT = {
  ok: 0,
  /** The operation ran but something failed: a bulk operation with failures, a retry conflict, an unknown id. */
  failed: 1,
  /** Wrong arguments or config. */
  usage: 2,
  /** The server did not answer. */
  unreachable: 3,
  /** The server refused the token (401). */
  unauthorized: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  the operation ran but something failed (a bulk operation with failures, a retry
     conflict, an unknown id)
  2  usage or config error
  3  cannot reach the server
  4  unauthorized: the server refused the token (401)`;

/**
 * Why an operator command stops: printed as one line on stderr (`botbridge: <code>: <message>`,
 * the server's error code when it answered one), never a stack trace, and exits with `exitCode`.
 */
export class CliFailure extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  constructor(exitCode: ExitCode, code: string, message: string) {
    super(message);
    this.name = "CliFailure";
    this.exitCode = exitCode;
    this.code = code;
  }
}
