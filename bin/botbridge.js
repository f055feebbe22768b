#!/usr/bin/env -S node --max-semi-space-size=8
// Node >= 24 runs the TypeScript sources directly (type stripping): no build step. An older Node
// is told which it needs and how to get it, before it trips over the first .ts import.
// --max-semi-space-size=8: a webhook's garbage dies young; with V8's default young generation
// (sized for the machine's memory) RSS grew past 300 MB under load for no gain in throughput.
import process from "node:process";
import { nodeVersionProblem } from "./node-version-problem.js";

const problem = nodeVersionProblem(process.version, process.platform, process.arch);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
await import("../src/cli/botbridge.ts");
