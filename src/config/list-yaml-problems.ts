import type { Document, LineCounter } from "yaml";
import { sortProblems, type PlacedProblem } from "../core/problem.ts";
import { describeYamlMistake } from "./describe-yaml-mistake.ts";

/**
 * The parser's errors, one per line (a mistake of structure often makes several), each with what
 * is likely wrong there in plain words (describeYamlMistake).
 */
export function listYamlProblems(
  document: Document,
  text: string,
  file: string,
  lineCounter: LineCounter,
): PlacedProblem[] {
  const lines = text.split(/\r?\n/);
  const byLine = new Map<number, PlacedProblem>();
  for (const error of document.errors) {
    const position = lineCounter.linePos(error.pos[0]);
    const mistake = describeYamlMistake(lines, position.line);
    const { line, col } = mistake ?? position;
    if (byLine.has(line)) continue;
    const message = `YAML: ${error.message.split("\n")[0] ?? ""}${mistake ? `; ${mistake.hint}` : ""}`;
    byLine.set(line, { file, line, col, path: [], message });
  }
  return sortProblems([...byLine.values()]);
}
