import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh folder with `yaml` written to routes.yaml in it, and the SQLite URL of a file there. */
export function writeRoutesFile(
  yaml: string,
  prefix = "botbridge-e2e-",
): { dir: string; file: string; sqliteUrl: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, "routes.yaml");
  writeFileSync(file, yaml);
  return { dir, file, sqliteUrl: `sqlite:${join(dir, "botbridge.db")}` };
}
