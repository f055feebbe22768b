import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// Holds the rules of ARCHITECTURE.md: each folder of src/ imports only the folders its line of
// the table names, and no source file is over 250 lines.

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");

/** `core/` -> the folders it may import, read from ARCHITECTURE.md's table. */
export function readAllowedImports(markdown: string): Map<string, Set<string>> {
  const rows = markdown
    .split("\n")
    .filter((line) => /^\|\s*`[^`]+`\s*\|/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()));
  const names = rows.map((cells) => unquote(cells[1] ?? ""));
  const allowed = new Map<string, Set<string>>();
  rows.forEach((cells, index) => {
    const name = names[index] ?? "";
    const said = cells[2] ?? "";
    const above = said.includes("every folder above") ? names.slice(0, index) : [];
    const listed = [...said.matchAll(/`([^`]+)`/g)].map((m) => unquote(m[1] ?? ""));
    allowed.set(name, new Set([name, ...above, ...listed]));
  });
  return allowed;
}

function unquote(name: string): string {
  return name.replace(/`/g, "").replace(/\/$/, "");
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The top folder of src/ a path lies in (`main.ts` for the composition root). */
function folderOf(path: string): string {
  const parts = relative(src, path).split(sep);
  return parts.length === 1 ? (parts[0] ?? "") : (parts[0] ?? "");
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)].map(
    (m) => resolve(dirname(file), m[1] ?? ""),
  );
}

const allowed = readAllowedImports(readFileSync(join(root, "ARCHITECTURE.md"), "utf8"));
const files = listSourceFiles(src);

describe("ARCHITECTURE.md's import rules", () => {
  it("names every folder of src/", () => {
    const folders = new Set(files.map(folderOf));
    expect([...folders].filter((f) => !allowed.has(f))).toEqual([]);
  });

  it("reads each row of the table", () => {
    const table = [
      "| folder | may import | what |",
      "| `core/` | (nothing of the project) | a |",
      "| `templates/` | `core/` | b |",
      "| `config/` | every folder above | c |",
      "| `cli/` | every folder above, and `main.ts` | d |",
    ].join("\n");
    expect(Object.fromEntries([...readAllowedImports(table)].map(([k, v]) => [k, [...v]]))).toEqual(
      {
        core: ["core"],
        templates: ["templates", "core"],
        config: ["config", "core", "templates"],
        cli: ["cli", "core", "templates", "config", "main.ts"],
      },
    );
  });

  it("holds for every import of every file under src/", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        if (!target.startsWith(src + sep)) {
          const intoTestHelpers = target.startsWith(join(root, "test") + sep);
          if (!(file.endsWith(".test.ts") && intoTestHelpers))
            wrong.push(`${relative(root, file)} -> ${relative(root, target)}`);
          continue;
        }
        const to = folderOf(target);
        if (!allowed.get(from)?.has(to))
          wrong.push(`${relative(root, file)} -> ${relative(root, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps every source file at 250 lines or fewer", () => {
    const long = files
      .map((file) => [relative(root, file), readFileSync(file, "utf8").split("\n").length - 1])
      .filter(([, lines]) => (lines as number) > 250);
    expect(long).toEqual([]);
  });
});
