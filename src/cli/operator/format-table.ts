/**
 * Columns aligned with two spaces between them, a header line in capitals, the last column not
 * padded (so long texts like errors do not widen the others). Cells are single-line.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const lines = [headers.map((h) => h.toUpperCase()), ...rows.map((row) => row.map(oneLine))];
  const widths = headers.map((_, column) =>
    Math.max(...lines.map((line) => widthOf(line[column] ?? ""))),
  );
  return lines
    .map((line) =>
      line
        .map((cell, column) =>
          column === line.length - 1
            ? cell
            : cell.padEnd((widths[column] ?? 0) + cell.length - widthOf(cell)),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** `key  value` lines with the keys aligned (the detail views). */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${`${key}:`.padEnd(width + 2)}${oneLine(value)}`).join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

const segmenter = new Intl.Segmenter();

/** How many characters a reader sees (grapheme clusters). */
function widthOf(text: string): number {
  return [...segmenter.segment(text)].length;
}
