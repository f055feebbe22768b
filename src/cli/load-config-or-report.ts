import type { ActionSpec } from "../actions/action-spec.ts";
import { createActions } from "../actions/actions.ts";
import type { Config } from "../config/config.ts";
import { loadConfig } from "../config/load-config.ts";
import { formatProblem } from "../core/problem.ts";

/**
 * The routes file's config, for a command that needs a valid one: its problems are printed to
 * stderr, one a line with their place, and the exit code set to 1 (undefined returned).
 */
export async function loadConfigOrReport(
  path: string,
  actions: readonly ActionSpec[] = createActions(),
): Promise<Config | undefined> {
  const result = await loadConfig(path, { actions, env: process.env });
  if (result.ok) return result.config;
  process.stderr.write(`${result.problems.map(formatProblem).join("\n")}\n`);
  process.exitCode = 1;
  return undefined;
}
