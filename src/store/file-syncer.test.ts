import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFileSyncer, type FileSyncer } from "./file-syncer.ts";

let syncer: FileSyncer | undefined;
afterEach(async () => {
  await syncer?.close();
  syncer = undefined;
});

const fileIn = (name: string, content?: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "botbridge-sync-")), name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
};

describe("file syncer", () => {
  it.each([
    { name: "one call", calls: 1 },
    { name: "twenty at once, most arriving while an fsync runs", calls: 20 },
  ])("syncs a real file: $name", async (c) => {
    syncer = createFileSyncer(fileIn("db-wal", "frames"));
    const results = await Promise.allSettled(Array.from({ length: c.calls }, () => syncer!.sync()));
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
  });

  it("fails while the file is missing, and works once it exists", async () => {
    const path = fileIn("db-wal");
    syncer = createFileSyncer(path);
    await expect(syncer.sync()).rejects.toMatchObject({ code: "ENOENT" });
    writeFileSync(path, "frames");
    await expect(syncer.sync()).resolves.toBeUndefined();
  });
});
