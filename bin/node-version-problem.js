// Plain JavaScript that any Node can read: botbridge.js runs it before loading the TypeScript
// sources, which Node < 24 cannot read (ERR_UNKNOWN_FILE_EXTENSION ".ts").
import { readFileSync } from "node:fs";
import { URL } from "node:url";

/** The oldest Node major botbridge runs on: package.json's engines.node (">=24"). */
export function neededMajor() {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return Number(/(\d+)/.exec(pkg.engines.node)[1]);
}

/**
 * What to tell someone running botbridge on a Node that is too old (which Node it needs and how
 * to get one, with or without root), or undefined when `version` will do.
 */
export function nodeVersionProblem(version, platform, arch) {
  const needed = neededMajor();
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  if (major >= needed) return undefined;
  const pkg = `node-${platform === "win32" ? "win" : platform}-${arch}`;
  return [
    `botbridge needs Node.js ${needed} or later (it runs its TypeScript sources directly); this is Node.js ${version}.`,
    "Get Node.js " + needed + ":",
    `  - with root: your system's Node.js ${needed} package (e.g. NodeSource's node_${needed}.x) or https://nodejs.org/en/download`,
    `  - without root, from the npm registry: npm install --prefix ~/node${needed} ${pkg}@${needed}`,
    `    then: export PATH=~/node${needed}/node_modules/${pkg}/bin:$PATH`,
    "  - or run the Docker image (docs/deploy.md)",
  ].join("\n");
}
