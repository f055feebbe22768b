import type { ConfigPath } from "./format-issues.ts";

/** A problem in a config file, at a place in it. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  path: ConfigPath;
  message: string;
}

/** `FILE:LINE:COL: PATH: MESSAGE`, the form editors and CI logs link to. */
export function formatProblem(problem: ConfigProblem): string {
  const path = formatPath(problem.path);
  return `${problem.file}:${problem.line}:${problem.col}: ${path ? `${path}: ` : ""}${problem.message}`;
}

/** `FILE:LINE:COL: PATH: warning: MESSAGE`: a setting that loads but protects less than it seems to. */
export function formatWarning(warning: ConfigProblem): string {
  return formatProblem({ ...warning, message: `warning: ${warning.message}` });
}

/** `routes[1].actions[0].bothelp.add_tags.tags` */
export function formatPath(path: ConfigPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** File order: by line, then column, then message; duplicates dropped. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort(
      (a, b) =>
        a.line - b.line || a.col - b.col || formatProblem(a).localeCompare(formatProblem(b)),
    )
    .filter((p) => {
      const text = formatProblem(p);
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    });
}
