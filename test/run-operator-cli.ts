import { Command, Option } from "commander";
import { addOperatorCommands } from "../src/cli/operator/add-operator-commands.ts";
import type { OperatorIo } from "../src/cli/operator/operator-io.ts";

export interface OperatorCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface OperatorCliOptions {
  env?: NodeJS.ProcessEnv;
  /** The clock relative times are shown against (default Date.now). */
  now?: () => number;
  /** The answer to a confirmation question (default: none given, so no). */
  confirm?: boolean;
  /** The routes file (the global --config; default a file that does not exist). */
  config?: string;
}

class Exited extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/**
 * Runs `botbridge <args>` for the operator commands in this process, on a fresh program like
 * the real one (global --config, the same commands), with stdout, stderr and the exit code
 * captured instead of the process's.
 */
export async function runOperatorCli(
  args: string[],
  options: OperatorCliOptions = {},
): Promise<OperatorCliRun> {
  let stdout = "";
  let stderr = "";
  const questions: string[] = [];
  const io: OperatorIo = {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    env: options.env ?? {},
    confirm: (question) => {
      questions.push(question);
      stderr += question;
      return Promise.resolve(options.confirm === true);
    },
    exit: (code) => {
      throw new Exited(code);
    },
    now: options.now ?? Date.now,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    fetch: (input, init) => fetch(input, init),
  };
  const program = new Command("botbridge")
    .addOption(
      new Option("-c, --config <file>").default(options.config ?? "/nonexistent/routes.yaml"),
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  addOperatorCommands(program, io);
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof Exited) return { code: error.code, stdout, stderr };
    throw error;
  }
  return { code: 0, stdout, stderr };
}
