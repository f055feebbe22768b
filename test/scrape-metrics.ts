import { expect } from "vitest";
import { parsePrometheusText, type MetricFamily } from "./parse-prometheus-text.ts";

/** GET /metrics with the token, expecting 200 in the Prometheus text format, parsed. */
export async function scrapeMetrics(
  url: string,
  token: string,
): Promise<{ text: string; families: Map<string, MetricFamily> }> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return { text, families: parsePrometheusText(text) };
}
