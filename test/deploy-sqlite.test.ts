import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { docBlocks } from "./read-doc-blocks.ts";
import { startBridge } from "./start-bridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/**
 * docs/deploy.md's SQLite recipes, run as the page writes them (paths moved into a temporary
 * folder, systemctl replaced by stopping and starting a real botbridge): a backup taken while
 * botbridge runs holds every answered webhook, where a copy of the .db alone does not; a restore
 * brings them back; an upgrade migrates the database at start.
 */
const YAML = `
version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms: {}
routes:
  - id: all
    source: forms
    actions:
      - http.request: { path: /x }
`;
const MIGRATIONS = join(import.meta.dirname, "..", "src", "store", "migrations", "sqlite");

const BOTBRIDGE = `"${process.execPath}" "${join(import.meta.dirname, "..", "bin", "botbridge.js")}"`;

/**
 * The page's shell lines of a section that start with one of `commands` (inside the container
 * for `docker exec botbridge`), paths moved to `dir`: each line's backups in a folder of its own.
 */
function recipe(heading: string, commands: string[], dir: string): string[] {
  return docBlocks("deploy.md", heading, "sh")
    .flatMap((b) => b.text.split("\n"))
    .map((line) => line.replace(/^docker exec botbridge /, ""))
    .filter((line) => commands.some((c) => line.startsWith(`${c} `)))
    .map((line, i) =>
      line
        .replace(/^(\/opt\/botbridge\/bin\/botbridge\.js|botbridge) /, `${BOTBRIDGE} `)
        .replaceAll("/var/lib/botbridge", dir)
        .replaceAll("/var/backups", join(dir, "backups", String(i)))
        .replaceAll("/data/backup.db", join(dir, "backups", String(i), "backup.db")),
    );
}

/** Runs a line of the page; the environment is the Docker image's, /data moved to `dir`. */
function run(line: string, dir: string): void {
  for (let i = 0; i < 4; i += 1) mkdirSync(join(dir, "backups", String(i)), { recursive: true });
  execFileSync("sh", ["-c", line], {
    cwd: dir,
    stdio: "pipe",
    env: { ...process.env, BOTBRIDGE_DATABASE_URL: `sqlite:${join(dir, "botbridge.db")}` },
  });
}

function eventCount(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return Number(db.prepare("SELECT count(*) AS n FROM events").get()?.n);
  } catch {
    return 0; // not even the tables: they are still in the -wal file
  } finally {
    db.close();
  }
}

describe("backup and restore of the SQLite file", () => {
  it("backs up a running botbridge with every answered webhook, and restores it", async () => {
    const { dir } = writeRoutesFile(YAML, "botbridge-backup-");
    const database = join(dir, "botbridge.db");
    const env = { BOTBRIDGE_DATABASE_URL: `sqlite:${database}` };
    let t = await startBridge(YAML, { env });
    for (let n = 0; n < 5; n += 1) await t.postEvent("forms", { n });
    expect(existsSync(`${database}-wal`)).toBe(true);

    // what not to do: copy the .db alone (with cp, from another process, as a user would; a copy
    // made in this process would close SQLite's POSIX locks on the file it has open)
    run(`cp ${database} only-the-db.db`, dir);
    expect(eventCount(join(dir, "only-the-db.db"))).toBeLessThan(5);

    const backups = recipe(
      "Backup and restore",
      ["sqlite3", "/opt/botbridge/bin/botbridge.js", "botbridge"],
      dir,
    );
    expect(backups).toHaveLength(3);
    for (const line of backups) run(line, dir);
    const made = readdirSync(join(dir, "backups"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".db"))
      .map((f) => join(dir, "backups", f));
    expect(made).toHaveLength(3);
    for (const file of made) expect(eventCount(file)).toBe(5);

    await t.postEvent("forms", { n: 5 }); // after the backup: the restore loses it
    await t.stop();
    const dated = made.find((f) => /botbridge-\d{4}-\d\d-\d\d\.db$/.test(f))!;
    const restore = recipe("Backup and restore", ["rm", "cp"], dir).map((line) =>
      line.replace(/\S+botbridge-2025-01-31\.db/, dated),
    );
    expect(restore).toHaveLength(2);
    for (const line of restore) run(line, dir);
    t = await startBridge(YAML, { env });
    expect((await t.bridge.store.stats()).events).toBe(5);
    await t.stop();
  });
});

describe("upgrading", () => {
  it("migrates an older database at start, as schema_migrations then shows", async () => {
    const { dir } = writeRoutesFile(YAML, "botbridge-upgrade-");
    const database = join(dir, "botbridge.db");
    const old = new DatabaseSync(database);
    old.exec(readFileSync(join(MIGRATIONS, "0001-initial.sql"), "utf8"));
    old.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL); INSERT INTO schema_migrations VALUES (1, '0001-initial', 0)",
    );
    old.close();

    const [backup, ...rest] = recipe("Upgrading", ["sqlite3"], dir);
    run(backup!, dir);
    expect(existsSync(join(dir, "backups", "0", "botbridge-before-upgrade.db"))).toBe(true);
    const t = await startBridge(YAML, { env: { BOTBRIDGE_DATABASE_URL: `sqlite:${database}` } });
    await t.stop();
    const shown = execFileSync("sh", ["-c", rest[0]!], { encoding: "utf8" });
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    expect(shown.trim().split("\n")).toEqual(
      files.map((f) => `${Number(f.slice(0, 4))}|${f.replace(/\.sql$/, "")}`),
    );
  });
});
