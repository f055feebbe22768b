/** Where a problem is: keys and item indexes from the top of routes.yaml (or of an action's params). */
export type ProblemPath = (string | number)[];

/**
 * One mistake, at a path: in routes.yaml, in a route snapshot, or in an action's rendered params.
 * The loader gives it its place in the file (see PlacedProblem).
 */
export interface Problem {
  path: ProblemPath;
  message: string;
  /** Place it at the key at `path` rather than at its value (an unknown key). */
  atKey?: boolean;
  /** Characters into the scalar at `path` where it went wrong (a template's mistake). */
  offset?: number;
}

/** A problem with its place in a config file, as `check` prints it. */
export type PlacedProblem = Problem & { file: string; line: number; col: number };

/**
 * `FILE:LINE:COL: PATH: MESSAGE` once placed, the form editors and CI logs link to; `PATH: MESSAGE`
 * before. An empty path is left out.
 */
export function formatProblem(problem: Problem | PlacedProblem): string {
  const place = "file" in problem ? `${problem.file}:${problem.line}:${problem.col}: ` : "";
  const path = formatPath(problem.path);
  return `${place}${path ? `${path}: ` : ""}${problem.message}`;
}

/** `routes[1].actions[0].bothelp.add_tags.tags` */
function formatPath(path: ProblemPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** File order: by line, then column, then message; duplicates dropped. */
export function sortProblems(problems: readonly PlacedProblem[]): PlacedProblem[] {
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

/** `FILE:LINE:COL: PATH: warning: MESSAGE`: a setting that loads but protects less than it seems to. */
export function formatWarning(warning: PlacedProblem): string {
  return formatProblem({ ...warning, message: `warning: ${warning.message}` });
}
