#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=30
// Node >= 24 runs the TypeScript sources directly (type stripping): no build step. An older Node
// is told which it needs and how to get it, before it trips over the first .ts import.
// --max-semi-space-size=8: a webhook's garbage dies young; with V8's default young generation
// (sized for the machine's memory) RSS grew past 300 MB under load for no gain in throughput.
// --heap-growing-percent=30: a full collection starts once the old generation has grown 30% past
// what the last one kept. V8's own factor let it grow to 150 MB of garbage under a steady load
// (RSS 220-270 MB, 40-46 MB live); with 30% RSS stays near 185 MB for 3-7% more CPU. It is no
// cap: a burst of large bodies still gets all the memory it needs.
import process from "node:process";
import { nodeVersionProblem } from "./node-version-problem.js";

const problem = nodeVersionProblem(process.version, process.platform, process.arch);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
await import("../src/cli/botbridge.ts");
