import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory of the process now, in MB (NaN where /proc is not available). */
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms (NaN without /proc). */
  cpuMs(): number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` as a child process and resolves once it prints a JSON line with a
 * `port` (botbridge's "listening" log line, or the bare server's). Its output is read and
 * dropped afterwards, so logging costs what it costs in production but never blocks.
 */
export function spawnServer(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; command?: string } = {},
): Promise<ServerProcess> {
  const child = spawn(options.command ?? process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A bench that fails halfway must not leave servers behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in time: ${stderr.join("")}`));
    }, options.timeoutMs ?? 30_000);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}) before listening: ${stderr.join("")}`));
    };
    child.once("exit", onEarlyExit);
    const lines = createInterface({ input: child.stdout });
    let started = false;
    lines.on("line", (line) => {
      if (started) return;
      const port = portOf(line);
      if (port === undefined) return;
      started = true;
      clearTimeout(timer);
      lines.close();
      child.stdout.resume();
      child.off("exit", onEarlyExit);
      resolve(handle(child, port, exited));
    });
  });
}

function portOf(line: string): number | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(line) as { port?: unknown };
    return typeof parsed.port === "number" ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

function handle(child: ChildProcess, port: number, exited: Promise<void>): ServerProcess {
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    rssMb: () => readRssMb(pid),
    cpuMs: () => readCpuMs(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** VmRSS from /proc/<pid>/status, in MB. */
export function readRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** utime + stime from /proc/<pid>/stat, in ms (Linux counts them in 1/100 s ticks). */
export function readCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name (which may hold spaces) start at state: utime is 14th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
