import { describe, expect, it } from "vitest";
import { countSeries, parsePrometheusText, valueOf } from "./parse-prometheus-text.ts";

const GOOD = `# HELP requests_total Requests \\\\ by "path".
# TYPE requests_total counter
requests_total{path="/a",code="2xx"} 3
requests_total{path="a \\"quoted\\" \\\\ value\\n",code="4xx"} 1.5e1
# a comment
# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 1
latency_seconds_bucket{le="+Inf"} 2
latency_seconds_sum 0.35
latency_seconds_count 2
# TYPE up gauge
up 1 1700000000000
up_not_declared_is_refused_below 1
`;

describe("parsePrometheusText", () => {
  it("reads families, help, labels with escapes and values", () => {
    const families = parsePrometheusText(GOOD.split("\n").slice(0, -2).join("\n"));
    expect(families.get("requests_total")?.help).toBe('Requests \\ by "path".');
    expect(families.get("requests_total")?.samples[1]?.labels).toEqual({
      path: 'a "quoted" \\ value\n',
      code: "4xx",
    });
    expect(valueOf(families, "requests_total")).toBe(18);
    expect(valueOf(families, "latency_seconds_bucket", { le: "+Inf" })).toBe(2);
    expect(families.get("latency_seconds")?.type).toBe("histogram");
    expect(countSeries(families)).toBe(7);
  });

  it.each<[string, string]>([
    ["a sample of no declared family", "x 1"],
    ["a bad value", "# TYPE x gauge\nx one"],
    ["an unterminated label value", '# TYPE x gauge\nx{a="b} 1'],
    ["a bad label name", '# TYPE x gauge\nx{1a="b"} 1'],
    ["a repeated series", '# TYPE x gauge\nx{a="b"} 1\nx{a="b"} 2'],
    ["a repeated label", '# TYPE x gauge\nx{a="b",a="c"} 1'],
    ["an unknown type", "# TYPE x thing"],
    ["a bad escape", '# TYPE x gauge\nx{a="\\t"} 1'],
    ["a type declared twice", "# TYPE x gauge\n# TYPE x gauge"],
  ])("refuses %s", (_name, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
