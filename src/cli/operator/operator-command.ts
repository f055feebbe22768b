import { Option, type Command } from "commander";
import { CliFailure, EXIT, EXIT_CODES_HELP, type ExitCode } from "./cli-failure.ts";
import { createApiClient, type ApiClient } from "./create-api-client.ts";
import type { OperatorIo } from "./operator-io.ts";
import { resolveConnection } from "./resolve-connection.ts";

/** What an operator command runs with. */
export interface OperatorContext {
  api: ApiClient;
  io: OperatorIo;
  /** --json: print the API's JSON as sent instead of a table. */
  json: boolean;
  now: number;
}

/** A command's work: its exit code (ok when nothing is returned). */
export type OperatorRun<O> = (
  context: OperatorContext,
  options: O,
  operands: unknown[],
) => Promise<ExitCode | undefined>;

/**
 * Gives an operator command the common options (--url, --token, --json), the exit codes in its
 * help, usage errors that exit 2, and an action that connects to the API, runs `run` and turns
 * every failure into one line on stderr and its exit code.
 */
export function defineOperatorCommand<O>(
  command: Command,
  io: OperatorIo,
  run: OperatorRun<O>,
): Command {
  return command
    .addOption(
      new Option("--url <url>", "the server (default: http://127.0.0.1:<server.port> of --config)"),
    )
    .addOption(
      new Option(
        "--token <token>",
        "the admin token (default: BOTBRIDGE_ADMIN_TOKEN, admin.token, or the server's generated token file)",
      ),
    )
    .option("--json", "print the API's JSON as it answered, for scripts")
    .addHelpText("after", EXIT_CODES_HELP)
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride((error) => io.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage))
    .action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const options = self.optsWithGlobals<O & CommonOptions>();
      const operands = args.slice(0, -2);
      let code: ExitCode | undefined;
      try {
        const connection = await resolveConnection(
          { url: options.url, token: options.token, config: options.config },
          io.env,
        );
        const api = createApiClient(connection, io.fetch);
        code = await run(
          { api, io, json: options.json === true, now: io.now() },
          options,
          operands,
        );
      } catch (error) {
        const failure =
          error instanceof CliFailure
            ? error
            : new CliFailure(EXIT.failed, "error", (error as Error).message);
        io.err(`botbridge: ${failure.code}: ${failure.message}\n`);
        code = failure.exitCode;
      }
      if (code !== undefined && code !== EXIT.ok) io.exit(code);
    });
}

interface CommonOptions {
  url?: string;
  token?: string;
  json?: boolean;
  config: string;
}

/** Refuses an option value: exit 2 with the reason. */
export function usageError(message: string): CliFailure {
  return new CliFailure(EXIT.usage, "usage", message);
}
