import jsonata from "jsonata";
import { closestWord } from "../core/did-you-mean.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { Problem } from "../core/problem.ts";
import { listRouteExpressions } from "../routing/list-route-expressions.ts";
import { eventContext } from "../templates/event-context.ts";
import { findDataPaths, type DataPath } from "../templates/find-data-paths.ts";
import type { Config } from "./config.ts";

/** A sample request of a source (check --sample, or the source's samples:), as its events. */
export interface Sample {
  source: string;
  /** How messages name it: the file as given. */
  name: string;
  events: InboundEvent[];
}

interface Seen {
  sample: string;
  body: unknown;
}

/**
 * Runs every route on the samples of its source, sending nothing, and warns where a route would
 * find nothing: a condition that matches none of them, and each path into `body` (in a condition,
 * order_by, an action's when or params) that finds nothing in any of them, with the closest path
 * they do have (`body.lead.status matches nothing in the sample lead.json; body.leads.status
 * exists`). An action's paths are looked for only in the samples its route matches.
 */
export async function checkSamples(config: Config, samples: readonly Sample[]): Promise<Problem[]> {
  const warnings: Problem[] = [];
  for (const [index, route] of config.routes.entries()) {
    const all = samples
      .filter((s) => s.source === route.source)
      .flatMap((s) => s.events.map((event) => ({ sample: s.name, event })));
    if (all.length === 0) continue;
    const matched: Seen[] = [];
    let miss: string | undefined;
    for (const { sample, event } of all) {
      const result = route.when ? await route.when.evaluate(eventContext(event)) : undefined;
      if (!result || result.matched) matched.push({ sample, body: event.body });
      else
        miss ??= `${result.why.at}: expected ${result.why.expected}, saw ${show(result.why.seen)} in ${sample}`;
    }
    const everyOne = all.map(({ sample, event }) => ({ sample, body: event.body }));
    for (const expression of listRouteExpressions(route.config)) {
      const seen = expression.scope === "route" ? everyOne : matched;
      if (seen.length === 0) continue;
      for (const path of findDataPaths(jsonata(expression.text).ast(), "body")) {
        if (seen.some((s) => finds(s.body, path.names.slice(1)))) continue;
        warnings.push({
          path: ["routes", index, ...expression.path],
          atKey: expression.atKey,
          offset: expression.offset + path.offset,
          message: describeMiss(expression.text, path, seen),
        });
      }
    }
    // A condition that matches no sample, unless a path in it already said why.
    const explained = warnings.some((w) => w.path[1] === index && w.path[2] === "when");
    if (miss !== undefined && matched.length === 0 && !explained)
      warnings.push({
        path: ["routes", index, "when"],
        message: `matches none of the samples (${miss})`,
      });
  }
  return warnings;
}

/**
 * `body.lead.status matches nothing in the sample x.json; body.leads.status exists`: the path as
 * written, and the same path with its first name that finds nothing replaced by the closest name
 * there (cut short after it when the rest still finds nothing), or the names there are.
 */
function describeMiss(text: string, path: DataPath, seen: readonly Seen[]): string {
  const { names, spans } = path;
  const end = spans.at(-1)?.[1] ?? path.offset;
  const written = text.slice(path.offset, end);
  const files = [...new Set(seen.map((s) => s.sample))];
  const where = `${files.length === 1 ? "the sample" : "the samples"} ${files.join(", ")}`;
  const missing = names.findIndex(
    (_, i) => !seen.some((s) => finds(s.body, names.slice(1, i + 1))),
  );
  const there = keysAt(
    seen.map((s) => s.body),
    names.slice(1, missing),
  );
  const parent = text.slice(path.offset, spans[missing - 1]?.[1] ?? path.offset);
  const name = names[missing] ?? "";
  const close = closestWord(name, there);
  if (close === undefined) {
    const has = there.length > 0 ? `${parent} has ${there.join(", ")}` : `${parent} holds no keys`;
    return `${written} matches nothing in ${where}; ${has}`;
  }
  const [from, to] = spans[missing] ?? [0, 0];
  const fixed = [...names.slice(1, missing), close, ...names.slice(missing + 1)];
  const whole = seen.some((s) => finds(s.body, fixed));
  const suggestion = `${text.slice(path.offset, from)}${close}${whole ? text.slice(to, end) : ""}`;
  return `${written} matches nothing in ${where}; ${suggestion} exists`;
}

/** The keys found by following `names` in any of the bodies (over arrays). */
function keysAt(bodies: readonly unknown[], names: readonly string[]): string[] {
  const keys = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object")
      for (const key of Object.keys(value)) keys.add(key);
  };
  for (const body of bodies) for (const value of follow(body, names)) collect(value);
  return [...keys];
}

/** True when following `names` from `value` (over arrays, as JSONata does) reaches something. */
function finds(value: unknown, names: readonly string[]): boolean {
  return follow(value, names).length > 0;
}

/** What following `names` from `value` reaches, stepping through arrays as JSONata does. */
function follow(value: unknown, names: readonly string[]): unknown[] {
  let values = [value];
  for (const name of names) {
    const next: unknown[] = [];
    const step = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(step);
      else if (v !== null && typeof v === "object" && name in v)
        next.push((v as Record<string, unknown>)[name]);
    };
    values.forEach(step);
    values = next;
  }
  return values;
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
