import { createInterface } from "node:readline/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** Where an operator command reads and writes: the process, or a test's capture. */
export interface OperatorIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Asks a yes/no question (on stderr); false when nobody answers yes. */
  confirm(question: string): Promise<boolean>;
  /** Ends the command with this exit code (the process exits, a test's capture records it). */
  exit(code: number): never;
  now(): number;
  /** Waits between polls of a running operation. */
  wait(ms: number): Promise<void>;
  fetch: typeof fetch;
}

/** The real process: stdout, stderr, a question on the terminal, process.exit. */
export function createProcessIo(): OperatorIo {
  let piped = false;
  return {
    out(text) {
      // `botbridge events | head`: the reader went away, which is no error of the command
      if (!piped)
        process.stdout.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "EPIPE") process.exit(0);
          throw error;
        });
      piped = true;
      process.stdout.write(text);
    },
    err: (text) => process.stderr.write(text),
    env: process.env,
    async confirm(question) {
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      // stdin that ends without an answer (a script without --yes) is a no
      const ended = new Promise<string>((resolve) => prompt.once("close", () => resolve("")));
      try {
        const answer = await Promise.race([prompt.question(question).catch(() => ""), ended]);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        prompt.close();
      }
    },
    exit: (code) => process.exit(code),
    now: Date.now,
    wait: (ms) => sleep(ms),
    fetch: (input, init) => fetch(input, init),
  };
}
