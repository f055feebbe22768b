import { tooDeep } from "./assert-depth.ts";
import { HttpError } from "../core/http-error.ts";

/**
 * Parses a JSON body. Its nesting is counted on the text first, so a body deeper than `depthLimit`
 * is refused (400 body_too_deep) before any of it is built. `__proto__` keys are dropped.
 */
export function parseJson(text: string, depthLimit: number): unknown {
  if (nestsDeeper(text, depthLimit)) throw tooDeep("body", depthLimit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "invalid_json", `body is not valid JSON: ${(error as Error).message}`);
  }
  // Only a text that can spell __proto__ (literally or with \u escapes) needs the walk.
  if (text.includes("__proto__") || text.includes("\\u")) dropProtoKeys(value);
  return value;
}

/** Whether `[` and `{` outside strings nest more than `limit` deep (one pass, no parse). */
function nestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/** JSON.parse keeps `"__proto__"` as an own key; it must not reach a merge or a template. */
function dropProtoKeys(value: unknown): void {
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item !== "object") continue;
    if (Object.hasOwn(item, "__proto__")) delete (item as Record<string, unknown>).__proto__;
    for (const child of Object.values(item)) pending.push(child);
  }
}
