/** A path into the data from one of the context's roots: `body.leads.status[0].id` as names. */
export interface DataPath {
  /** Its names, predicates left out: `["body", "leads", "status", "id"]`. */
  names: string[];
  /** Where each name is in the expression's text: [start, end). */
  spans: [number, number][];
  /** Where it starts in the expression's text. */
  offset: number;
}

interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  steps?: Node[];
}

/**
 * Every path of a JSONata expression's AST that starts at the context's `root` (`body.x.y`, in
 * function arguments, operators and constructors too), as far as it goes by plain names. Paths
 * inside a path's steps (predicates, `.(...)`) are relative to that step, not the root, and are
 * left out, as is a path's remainder from its first step that is not a name.
 */
export function findDataPaths(ast: unknown, root: string): DataPath[] {
  const paths: DataPath[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as Node;
    if (n.type === "path" && Array.isArray(n.steps)) {
      const [first] = n.steps;
      if (first?.type === "name" && first.value === root) {
        const names: string[] = [];
        const spans: [number, number][] = [];
        for (const step of n.steps) {
          if (step.type !== "name" || typeof step.value !== "string") break;
          const end = step.position ?? 0;
          names.push(step.value);
          spans.push([Math.max(0, end - step.value.length), end]);
        }
        paths.push({ names, spans, offset: spans[0]?.[0] ?? 0 });
      }
      return;
    }
    for (const child of Object.values(n)) visit(child);
  };
  visit(ast);
  return paths;
}
