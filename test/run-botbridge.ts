import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { readFixture, FIXTURES } from "./read-fixture.ts";

const ROOT = join(import.meta.dirname, "..");

export interface BotbridgeRun {
  /** The exit code (null when a signal ended it). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bin/botbridge.js <args>` from the project folder as a child process, `input` on its
 * stdin, and resolves with its exit code and output once it exits. It never blocks this process,
 * so fakes served here can answer the command's calls.
 */
export async function runBotbridge(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<BotbridgeRun> {
  const child = spawn(process.execPath, ["bin/botbridge.js", ...args], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

/** `--file` and one `--header` per sidecar header: the arguments that make explain send a fixture. */
export function fixtureArgs(name: string): string[] {
  const args = ["--file", join(FIXTURES, name)];
  for (const [header, value] of Object.entries(readFixture(name).headers))
    args.push("--header", `${header}: ${value}`);
  return args;
}
