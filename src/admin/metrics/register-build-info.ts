import { readFileSync } from "node:fs";
import { Gauge, type Registry } from "prom-client";

/** botbridge's version, from its package.json. */
export function readVersion(): string {
  const file = new URL("../../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** `botbridge_build_info{version, node_version} 1`: which build and Node each instance runs. */
export function registerBuildInfo(registry: Registry, version: string): void {
  new Gauge({
    name: "botbridge_build_info",
    help: "Always 1; the labels say the botbridge version and the Node.js version running it.",
    labelNames: ["version", "node_version"] as const,
    registers: [registry],
  }).set({ version, node_version: process.version }, 1);
}
