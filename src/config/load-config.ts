import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { ActionSpec } from "../actions/action-spec.ts";
import type { TargetType } from "../targets/target-schema.ts";
import {
  compileRoute,
  type CompiledRoute,
  type RouteCompileContext,
} from "../routing/compile-route.ts";
import { createRouteSchema } from "../routing/route-schema.ts";
import { compileSource, type SourceCompileContext } from "../sources/compile-source.ts";
import { PRESETS } from "../sources/presets/presets.ts";
import { createSourceSchema } from "../sources/source-schema.ts";
import {
  createTemplateFunctions,
  type TemplateFunctions,
} from "../templates/template-functions.ts";
import { compileDryRunAnswer } from "../routing/compile-dry-run-answer.ts";
import type { CompiledSource } from "../sources/compile-source.ts";
import type { Config } from "./config.ts";
import {
  sortProblems,
  type PlacedProblem,
  type Problem,
  type ProblemPath,
} from "../core/problem.ts";
import { findTrustProxyWarnings } from "./find-trust-proxy-warnings.ts";
import { formatIssues } from "../core/format-issues.ts";
import { issueMessage } from "../core/issue-message.ts";
import { listYamlProblems } from "./list-yaml-problems.ts";
import { locate } from "./locate.ts";
import { resolveEnv } from "./resolve-env.ts";
import { createRoutesSchema } from "./routes-schema.ts";
import { templatesSchema } from "./templates-schema.ts";
import { fileSecretsOf } from "./file-secrets-of.ts";

/** A loaded config, with warnings about settings that protect less than they seem to; or every problem. */
export type LoadResult =
  | {
      ok: true;
      config: Config;
      warnings: PlacedProblem[];
      /** Gives a problem found later (check's samples) its place in the file. */
      place: (problem: Problem) => PlacedProblem;
    }
  | { ok: false; problems: PlacedProblem[] };

export interface LoadOptions {
  actions: readonly ActionSpec[];
  env: NodeJS.ProcessEnv;
}

export async function loadConfig(file: string, options: LoadOptions): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "file not found"
        : (error as Error).message;
    return {
      ok: false,
      problems: [{ file, line: 1, col: 1, path: [], message: `cannot read config: ${reason}` }],
    };
  }
  return parseConfig(text, file, options);
}

/**
 * Parses, resolves, validates and compiles a routes.yaml text, reporting every problem at once
 * with its line and column.
 */
export function parseConfig(text: string, file: string, options: LoadOptions): LoadResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0)
    return { ok: false, problems: listYamlProblems(document, text, file, lineCounter) };
  const env = resolveEnv(document, options.env);
  const raw: unknown = document.toJS({ maxAliasCount: 1000 });
  for (const path of env.omitted) omit(raw, path);
  const found: Problem[] = [...env.problems];

  const parsed = createRoutesSchema(options.actions).safeParse(raw, { error: issueMessage });
  // A value whose variable is unset is reported as that, not also as the wrong kind of value.
  const unset = new Set(env.problems.map((p) => JSON.stringify(p.path)));
  if (!parsed.success)
    found.push(
      ...formatIssues(parsed.error.issues, raw).filter((p) => !unset.has(JSON.stringify(p.path))),
    );

  const data = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const templates = templatesSchema.safeParse(data.templates ?? {});
  const functions = createTemplateFunctions(
    templates.success ? templates.data : templatesSchema.parse({}),
  );
  const targets = targetKinds(data.targets, functions, found);
  const sourceNames = isRecord(data.sources) ? Object.keys(data.sources) : [];
  const warned: Problem[] = [...env.warnings];
  const sources = compileSources(
    data.sources,
    { presets: PRESETS, functions, schema: createSourceSchema(PRESETS) },
    found,
    warned,
  );
  const routes = compileRoutes(
    data.routes,
    {
      actions: new Map(options.actions.map((a) => [a.type, a])),
      functions,
      targets,
      sources: sourceNames,
      schema: createRouteSchema(options.actions),
    },
    found,
  );

  const place = (p: Problem): PlacedProblem => {
    const { line, col } = locate(document, lineCounter, p.path, p.atKey, p.offset);
    return { file, line, col, path: p.path, message: p.message };
  };
  const problems = found.map(place);
  if (problems.length > 0 || !parsed.success)
    return { ok: false, problems: sortProblems(problems) };
  const trustProxy = findTrustProxyWarnings(parsed.data.server.trust_proxy, sources.values());
  warned.push(...trustProxy.map((w) => ({ ...w, atKey: false })));

  const {
    server,
    storage,
    delivery,
    templates: templateSettings,
    admin,
    alerts,
    metrics,
  } = parsed.data;
  return {
    ok: true,
    config: {
      file,
      settings: { server, storage, delivery, templates: templateSettings, admin, alerts, metrics },
      targets: parsed.data.targets,
      sources,
      routes,
      functions,
      // admin, alert and metrics tokens are secrets even when written in the file
      secrets: new Set([...env.secrets, ...fileSecretsOf(admin, alerts, metrics)]),
      variables: env.variables,
    },
    warnings: sortProblems(warned.map(place)),
    place,
  };
}

function compileSources(
  value: unknown,
  context: SourceCompileContext,
  found: Problem[],
  warned: Problem[],
): Map<string, CompiledSource> {
  const sources = new Map<string, CompiledSource>();
  if (!isRecord(value)) return sources;
  for (const [name, entry] of Object.entries(value)) {
    const { source, problems, warnings } = compileSource(name, entry, context);
    const under = (p: Problem): Problem => ({ ...p, path: ["sources", name, ...p.path] });
    found.push(...problems.map(under));
    warned.push(...warnings.map(under));
    if (source) sources.set(name, source);
  }
  return sources;
}

function compileRoutes(
  value: unknown,
  context: RouteCompileContext,
  found: Problem[],
): CompiledRoute[] {
  if (!Array.isArray(value)) return [];
  const compiled: CompiledRoute[] = [];
  const firstIndexOfId = new Map<string, number>();
  value.forEach((entry: unknown, index) => {
    const id = isRecord(entry) && typeof entry.id === "string" ? entry.id : undefined;
    if (id !== undefined) {
      const first = firstIndexOfId.get(id);
      if (first !== undefined)
        found.push({
          path: ["routes", index, "id"],
          message: `duplicate route id "${id}" (first used by routes[${first}])`,
        });
      else firstIndexOfId.set(id, index);
    }
    const { route, problems } = compileRoute(entry, context);
    found.push(...problems.map((p) => ({ ...p, path: ["routes", index, ...p.path] })));
    if (route) compiled.push(route);
  });
  return compiled;
}

/**
 * Each target's declared type, valid or not, so routes are checked against what was meant, and
 * its dry_run_answer (whose templates are checked here, once).
 */
function targetKinds(
  value: unknown,
  functions: TemplateFunctions,
  found: Problem[],
): RouteCompileContext["targets"] {
  if (!isRecord(value)) return {};
  const kinds: Record<string, { type: TargetType; dry_run_answer?: unknown }> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isRecord(entry) || typeof entry.type !== "string") continue;
    kinds[name] = { type: entry.type as TargetType, dry_run_answer: entry.dry_run_answer };
    const here = ["targets", name, "dry_run_answer"];
    const { problems } = compileDryRunAnswer(entry.dry_run_answer, functions);
    found.push(...problems.map((p) => ({ ...p, path: [...here, ...p.path] })));
  }
  return kinds;
}

/** Deletes the key at `path` from parsed data (a dry-run target's unset credential). */
function omit(data: unknown, path: ProblemPath): void {
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), data);
  const key = path.at(-1);
  if (isRecord(parent) && key !== undefined) Reflect.deleteProperty(parent, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
