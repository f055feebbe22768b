/** What is likely wrong, and the line and column (1-based) it is about. */
export interface YamlMistake {
  hint: string;
  line: number;
  col: number;
}

/**
 * What a YAML structure error on `line` (1-based) most likely is, in the words of someone editing
 * the file, worked out from the columns of that line and of the lines above it: a line indented
 * between two levels, a key at the column of the `-` above it, a line indented under a key that
 * already has its value, two `key:`s on one line, or an unquoted `[0]` in a key inside `{ }`. The parser often stops on the line before the
 * mistake (a key's value read on as a multi-line key), so the next line is looked at too.
 * Undefined when the columns look right.
 */
export function describeYamlMistake(
  lines: readonly string[],
  line: number,
): YamlMistake | undefined {
  const next = lines.findIndex((text, index) => index >= line && isContent(text)) + 1;
  return describeLine(lines, line) ?? (next > 0 ? describeLine(lines, next) : undefined);
}

function describeLine(lines: readonly string[], line: number): YamlMistake | undefined {
  const text = lines[line - 1];
  if (text === undefined || !isContent(text)) return undefined;
  const column = indentOf(text);
  const bracketKey = /[{,]\s*([A-Za-z_$][^\s"'{},:]*\[[^\s"'{},:]*)\s*:/.exec(text);
  if (bracketKey?.[1] !== undefined) {
    return {
      hint: `inside { }, a key holding [ ] must be quoted: "${bracketKey[1]}"`,
      line,
      col: text.indexOf(bracketKey[1]) + 1,
    };
  }
  const twoKeys = /^(\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+)([^\s'"{[#&*!|>][^:#]*?):(?:\s|$)/.exec(text);
  if (twoKeys) {
    return {
      hint: `this line holds a second key (${twoKeys[2] ?? ""}:) after the first key's value; put it on a line of its own, indented under the first`,
      line,
      col: (twoKeys[1]?.length ?? column) + 1,
    };
  }
  const levels = levelsAbove(lines, line);
  const item = levels[0];
  if (item === undefined) return undefined;
  const at = (hint: string): YamlMistake => ({ hint, line, col: column + 1 });
  if (column > item.column) {
    if (opensBlock(lines[item.line - 1] ?? "")) return undefined;
    return at(
      `this line is indented more than the line above it (line ${String(item.line)}), whose key already has its value; a key of the same item goes at column ${String(item.column + 1)}`,
    );
  }
  const same = levels.find((level) => level.column === column);
  if (same?.kind === "key") return undefined;
  if (same?.kind === "dash") {
    if (/^\s*-(\s|$)/.test(text)) return undefined;
    const key = levels.find((level) => level.line === same.line && level.kind === "key");
    return at(
      `this line is indented less than the item above it (line ${String(same.line)}): a key of that item goes at column ${String((key?.column ?? column + 2) + 1)}, and a new item starts with "- "`,
    );
  }
  const over = [...levels].reverse().find((level) => level.column > column) ?? item;
  const under = levels.find((level) => level.column < column);
  const parent = under
    ? ` and more than line ${String(under.line)} (column ${String(under.column + 1)})`
    : "";
  return at(
    `this line is indented less than the item above it (line ${String(over.line)}, column ${String(over.column + 1)})${parent}: line it up with one of them`,
  );
}

interface Level {
  /** 0-based column of a key, or of a sequence item's `-`. */
  column: number;
  line: number;
  kind: "key" | "dash";
}

/** The columns a line may start at, nearest first: each enclosing line's key (and its `-`). */
function levelsAbove(lines: readonly string[], line: number): Level[] {
  const levels: Level[] = [];
  let limit = Infinity;
  for (let n = line - 1; n >= 1 && limit > 0; n--) {
    const text = lines[n - 1] ?? "";
    if (!isContent(text)) continue;
    const indent = indentOf(text);
    if (indent >= limit) continue;
    const dash = /^\s*-\s+/.exec(text);
    if (dash) levels.push({ column: dash[0].length, line: n, kind: "key" });
    levels.push({ column: indent, line: n, kind: dash ? "dash" : "key" });
    limit = indent;
  }
  return levels;
}

/** A key whose value follows on the next lines: `key:`, `- key:`, `key: &anchor`, `key: |`, `-`. */
function opensBlock(text: string): boolean {
  return /:\s*(?:[&!]\S*\s*)?(?:[|>][-+0-9]*)?\s*(?:#.*)?$/.test(text) || /^\s*-\s*$/.test(text);
}

function isContent(text: string): boolean {
  return text.trim() !== "" && !text.trim().startsWith("#");
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}
