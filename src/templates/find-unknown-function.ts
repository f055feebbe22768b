import { closestWord } from "../core/did-you-mean.ts";
import { JSONATA_FUNCTIONS } from "./jsonata-functions.ts";
import type { TemplateFunctions } from "./template-functions.ts";

/** A call of a function nobody defines, and where its `$` is in the expression's text. */
export interface UnknownFunction {
  message: string;
  offset: number;
}

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  procedure?: AstNode;
  lhs?: AstNode;
  rhs?: AstNode;
  arguments?: AstNode[];
}

/**
 * The first call (`$emial(x)`, `x ~> $emial`) in a JSONata expression's AST of a function that is
 * neither JSONata's, nor one of botbridge's helpers, nor bound in the expression itself
 * (`$f := function($v) {...}`, a lambda's parameters): `unknown function $emial; did you mean
 * $email?`. JSONata only finds out when the call runs ("Attempted to invoke a non-function").
 */
export function findUnknownFunction(
  ast: unknown,
  helpers: TemplateFunctions,
): UnknownFunction | undefined {
  const known = new Set([...JSONATA_FUNCTIONS, ...Object.keys(helpers), ...boundNames(ast)]);
  let found: UnknownFunction | undefined;
  visit(ast, (node) => {
    if (found) return;
    const called =
      node.type === "function" || node.type === "partial"
        ? node.procedure
        : node.type === "apply"
          ? node.rhs
          : undefined;
    if (called?.type !== "variable" || typeof called.value !== "string") return;
    const name = called.value;
    if (name === "" || known.has(name)) return;
    const hint = closestWord(name, [...known]);
    found = {
      message: `unknown function $${name}${hint ? `; did you mean $${hint}?` : ""}`,
      offset: Math.max(0, (called.position ?? 0) - name.length - 1),
    };
  });
  return found;
}

/** Names an expression binds itself: `$x := ...` and lambda parameters. */
function boundNames(ast: unknown): string[] {
  const names: string[] = [];
  visit(ast, (node) => {
    if (node.type === "bind" && typeof node.lhs?.value === "string") names.push(node.lhs.value);
    if (node.type === "lambda")
      for (const argument of node.arguments ?? [])
        if (typeof argument.value === "string") names.push(argument.value);
  });
  return names;
}

function visit(node: unknown, see: (node: AstNode) => void): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) visit(child, see);
    return;
  }
  see(node);
  for (const child of Object.values(node)) visit(child, see);
}
