import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import type { ProblemPath } from "../core/problem.ts";

export interface Location {
  line: number;
  col: number;
}

/**
 * Where a path lies in the YAML source: its value, or its key with `atKey`. A path that does not
 * exist (a missing key) points at the nearest part of it that does. `offset` moves into a
 * scalar's text (a template's mistake), skipping its opening quote.
 */
export function locate(
  document: Document,
  lineCounter: LineCounter,
  path: ProblemPath,
  atKey = false,
  offset?: number,
): Location {
  let node: unknown = document.contents;
  let start = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (last && atKey) {
        start = keyStart ?? start;
        node = pair.key;
        break;
      }
      node = pair.value;
      start = rangeStart(node) ?? keyStart ?? start;
      if (node === null) break;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      node = node.items[segment];
      start = rangeStart(node) ?? start;
    } else {
      break;
    }
  }
  if (offset !== undefined && isScalar(node)) {
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
    start += offset + (quoted ? 1 : 0);
  }
  const position = lineCounter.linePos(start);
  return { line: position.line, col: position.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
