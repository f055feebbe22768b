/** One sample line: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<MetricFamily["type"], string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4): every sample must
 * belong to a family declared by `# TYPE` before it, names and labels must be well formed,
 * label values unescaped, and no series may appear twice. Throws on the first line that is not.
 */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const seen = new Set<string>();
  const helps = new Map<string, string>();
  text.split("\n").forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${line}`);
    };
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!meta) return; // a plain comment
      const [, kind, name = "", rest = ""] = meta;
      if (!METRIC_NAME.test(name)) fail("bad metric name");
      if (kind === "HELP") {
        helps.set(
          name,
          rest.replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c)),
        );
        const family = families.get(name);
        if (family) family.help = helps.get(name) ?? "";
        return;
      }
      if (!TYPES.has(rest)) fail("unknown type");
      if (families.has(name)) fail("type declared twice");
      families.set(name, {
        name,
        type: rest as MetricFamily["type"],
        help: helps.get(name) ?? "",
        samples: [],
      });
      return;
    }
    const sample = parseSample(line, fail);
    const family = familyOf(families, sample.name);
    if (!family) fail("sample of no declared family");
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seen.has(key)) fail("series repeated");
    seen.add(key);
    family?.samples.push(sample);
  });
  return families;
}

function familyOf(families: Map<string, MetricFamily>, name: string): MetricFamily | undefined {
  for (const family of families.values())
    if (SUFFIXES[family.type].some((suffix) => family.name + suffix === name)) return family;
  return undefined;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!head?.[1]) return fail("bad sample name");
  const name = head[1];
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === "{") {
    at += 1;
    while (line[at] !== "}") {
      const label = /^\s*([^=\s]+)\s*=\s*"/.exec(line.slice(at));
      if (!label?.[1] || !LABEL_NAME.test(label[1])) return fail("bad label name");
      at += label[0].length;
      let value = "";
      for (;;) {
        const c = line[at];
        if (c === undefined) return fail("unterminated label value");
        at += 1;
        if (c === '"') break;
        if (c === "\\") {
          const escaped = line[at];
          at += 1;
          if (escaped === "n") value += "\n";
          else if (escaped === "\\" || escaped === '"') value += escaped;
          else return fail("bad escape in label value");
        } else value += c;
      }
      if (label[1] in labels) fail("label repeated");
      labels[label[1]] = value;
      if (line[at] === ",") at += 1;
      else if (line[at] !== "}") return fail("expected , or }");
    }
    at += 1;
  }
  const rest = line.slice(at).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || !rest[0]) return fail("expected a value");
  const value = parseValue(rest[0]);
  if (value === undefined) return fail("bad value");
  if (rest[1] !== undefined && !/^-?\d+$/.test(rest[1])) fail("bad timestamp");
  return { name, labels, value };
}

/** A value as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case). */
function parseValue(text: string): number | undefined {
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): Sample[] {
  const family = familyOf(families, name);
  return (family?.samples ?? []).filter(
    (s) =>
      s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
}

/** The sum of the samples of `name` whose labels include `labels` (0 when none). */
export function valueOf(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  return samplesOf(families, name, labels).reduce((sum, s) => sum + s.value, 0);
}

/** How many series there are (the number of sample lines). */
export function countSeries(families: Map<string, MetricFamily>): number {
  let n = 0;
  for (const family of families.values()) n += family.samples.length;
  return n;
}
