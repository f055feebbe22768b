import { readFileSync } from "node:fs";

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  /** Share of the busy time (idle excluded) spent in this entry itself. */
  self: number;
  /** Share of the busy time with this entry anywhere on the stack. */
  total: number;
}

export interface ProfileSummary {
  busyMs: number;
  /** By area: a package of node_modules, a folder of src, Node's internals, GC. */
  areas: ProfileLine[];
  /**
   * By the project's own file nearest the leaf: the time a file of src/ spends itself and in
   * what it calls outside src/ (libraries, Node, SQLite). Time with no src/ frame on the stack
   * (Node's HTTP parsing, timers, GC) is under its area in brackets.
   */
  owners: ProfileLine[];
  functions: ProfileLine[];
}

/** Where a frame's code lives, as a short name: `express`, `src/store`, `node`, `(gc)`. */
export function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src|bench|test)\/([^/]+)\//.exec(url);
  return src ? `${src[1]}/${src[2]}` : url;
}

/** Self and inclusive time by area and by function, busiest first. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const areas = new Map<string, { self: number; total: number }>();
  const functions = new Map<string, { self: number; total: number }>();
  const owners = new Map<string, { self: number; total: number }>();
  const add = (
    map: Map<string, { self: number; total: number }>,
    key: string,
    self: number,
    total: number,
  ) => {
    const entry = map.get(key) ?? { self: 0, total: 0 };
    entry.self += self;
    entry.total += total;
    map.set(key, entry);
  };
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === "(idle)") return;
    busy += delta;
    let owner: string | undefined;
    for (
      let node: typeof leaf | undefined = leaf;
      node && !owner;
      node = byId.get(parent.get(node.id) ?? -1)
    ) {
      const src = /\/(src\/.+)$/.exec(node.callFrame.url);
      if (src) owner = src[1];
    }
    add(
      owners,
      owner ?? `[${areaOf(leaf.callFrame.url, leaf.callFrame.functionName)}]`,
      delta,
      delta,
    );
    const seenAreas = new Set<string>();
    const seenFunctions = new Set<string>();
    for (
      let node: typeof leaf | undefined = leaf;
      node;
      node = byId.get(parent.get(node.id) ?? -1)
    ) {
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url, functionName);
      const fn = `${functionName || "(anonymous)"} ${area}:${lineNumber + 1}`;
      if (!seenAreas.has(area)) add(areas, area, node === leaf ? delta : 0, delta);
      else if (node === leaf) add(areas, area, delta, 0);
      seenAreas.add(area);
      if (!seenFunctions.has(fn)) add(functions, fn, node === leaf ? delta : 0, delta);
      seenFunctions.add(fn);
    }
  });
  const lines = (map: Map<string, { self: number; total: number }>) =>
    [...map]
      .map(([name, t]) => ({ name, self: t.self / busy, total: t.total / busy }))
      .sort((a, b) => b.self - a.self);
  return {
    busyMs: busy / 1000,
    areas: lines(areas),
    owners: lines(owners),
    functions: lines(functions),
  };
}

// `node bench/summarize-profile.ts FILE.cpuprofile [N]`: prints the top N areas and functions.
if (import.meta.main) {
  const [file, top = "25"] = process.argv.slice(2);
  if (!file) throw new Error("usage: node bench/summarize-profile.ts FILE.cpuprofile [N]");
  const summary = summarizeProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const pct = (n: number) => `${(n * 100).toFixed(1).padStart(5)}%`;
  const print = (title: string, rows: ProfileLine[]) => {
    process.stdout.write(`\n${title}: self, total\n`);
    for (const row of rows.slice(0, Number(top))) {
      process.stdout.write(`${pct(row.self)} ${pct(row.total)}  ${row.name}\n`);
    }
  };
  process.stdout.write(`busy ${summary.busyMs.toFixed(0)} ms\n`);
  print("areas", summary.areas);
  print("by the src/ file nearest the leaf", summary.owners);
  print("functions", summary.functions);
  print(
    "functions by total",
    [...summary.functions].sort((a, b) => b.total - a.total),
  );
}
