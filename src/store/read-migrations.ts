import { readdir, readFile } from "node:fs/promises";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered `NNNN-name.sql` files of a migrations folder, in order. */
export async function readMigrations(folder: URL): Promise<Migration[]> {
  const files = (await readdir(folder)).filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ""),
      sql: await readFile(new URL(file, folder), "utf8"),
    })),
  );
}
