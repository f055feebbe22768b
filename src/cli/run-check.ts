import { dirname, resolve } from "node:path";
import { createActions } from "../actions/actions.ts";
import { checkSamples, type Sample } from "../config/check-samples.ts";
import { loadConfig } from "../config/load-config.ts";
import { readSample } from "../config/read-sample.ts";
import {
  formatProblem,
  formatWarning,
  sortProblems,
  type PlacedProblem,
  type Problem,
} from "../core/problem.ts";

/**
 * `botbridge check [FILE] [--sample SOURCE=FILE]...`: every problem of the routes file (exit 1),
 * else its warnings, among them what the routes find in the sample requests (`--sample`, and each
 * source's `samples:`), and a summary line. Resolves to the exit code.
 */
export async function runCheck(
  path: string,
  sampleOptions: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const result = await loadConfig(path, { actions: createActions(), env });
  if (!result.ok) {
    process.stdout.write(`${result.problems.map(formatProblem).join("\n")}\n`);
    process.stderr.write(`${path}: ${result.problems.length} problem(s)\n`);
    return 1;
  }
  const { config, place } = result;
  const now = Date.now();
  const depth = config.settings.server.depth_limit;
  const samples: Sample[] = [];
  const unread: Problem[] = [];
  for (const [name, source] of config.sources)
    for (const [index, file] of (source.config.samples ?? []).entries()) {
      try {
        const full = resolve(dirname(path), file);
        samples.push({
          source: name,
          name: file,
          events: await readSample(full, source, depth, now),
        });
      } catch (error) {
        const message = `sample ${file} cannot be read: ${(error as Error).message}`;
        unread.push({ path: ["sources", name, "samples", index], message });
      }
    }
  for (const option of sampleOptions) {
    const at = option.indexOf("=");
    const source = config.sources.get(option.slice(0, at));
    const file = option.slice(at + 1);
    if (at <= 0 || file === "" || !source) {
      const known = [...config.sources.keys()].join(", ");
      process.stderr.write(
        `botbridge: --sample ${option}: expected SOURCE=FILE with a source of ${path} (${known})\n`,
      );
      return 1;
    }
    try {
      samples.push({
        source: source.name,
        name: file,
        events: await readSample(file, source, depth, now),
      });
    } catch (error) {
      process.stderr.write(`botbridge: --sample ${option}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const found = [...unread, ...(await checkSamples(config, samples))].map(place);
  const warnings: PlacedProblem[] = sortProblems([...result.warnings, ...found]);
  if (warnings.length > 0) process.stdout.write(`${warnings.map(formatWarning).join("\n")}\n`);
  const warned = warnings.length > 0 ? `, ${warnings.length} warning(s)` : "";
  const tried = samples.length > 0 ? `, ${samples.length} sample(s) tried` : "";
  process.stdout.write(
    `${path}: ok (${Object.keys(config.targets).length} targets, ${config.sources.size} sources, ${config.routes.length} routes${tried}${warned})\n`,
  );
  return 0;
}
