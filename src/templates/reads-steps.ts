/**
 * True when a JSONata expression's AST reads the `steps` variable at its root (the outputs of
 * earlier actions), not a `steps` field of something else (`body.steps`).
 */
export function readsSteps(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  const n = node as { type?: string; value?: unknown; steps?: unknown[] };
  if (n.type === "name" && n.value === "steps") return true;
  if (n.type === "path" && Array.isArray(n.steps)) {
    const [first, ...rest] = n.steps;
    return readsSteps(first) || rest.some((step) => readsStepsBelow(step));
  }
  return Object.values(n).some((child) =>
    Array.isArray(child) ? child.some(readsSteps) : readsSteps(child),
  );
}

/** Inside a later path step only predicates and arguments can read `steps` afresh. */
function readsStepsBelow(step: unknown): boolean {
  if (step === null || typeof step !== "object") return false;
  const { type: _type, value: _value, ...children } = step as Record<string, unknown>;
  return Object.values(children).some((child) =>
    Array.isArray(child) ? child.some(readsSteps) : readsSteps(child),
  );
}
