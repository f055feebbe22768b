import { isMap, isPair, isScalar, isSeq, parse, type Document, type Node } from "yaml";
import type { Problem, ProblemPath } from "../core/problem.ts";

/** A `${NAME}` or `${NAME:-default}` reference, as the loader resolves it (and the editor schema accepts it). */
export const ENV_REFERENCE = String.raw`\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}`;
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const ONLY_VARIABLE = new RegExp(`^${ENV_REFERENCE}$`);

export interface EnvResolution {
  problems: Problem[];
  /** Unset credentials of targets in dry run: left out, since nothing is sent. */
  warnings: Problem[];
  /** Where such a credential was the whole value: the key to leave out of the parsed data. */
  omitted: ProblemPath[];
  /** Values taken from the environment under targets, sources, admin and alerts: masked wherever they show. */
  secrets: Set<string>;
  /** The variables each resolved value was written with, by dotted path (`targets.bothelp.token`). */
  variables: Map<string, string[]>;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every scalar value of the parsed document (`$$`
 * writes a `$`). A plain scalar that is exactly one variable takes the type its value reads as
 * (`port: ${PORT:-8080}` is a number); a quoted one stays text. An unset variable without a
 * default is a problem at the scalar that uses it, except a credential of a target in dry run
 * (which sends nothing): that is a warning, and the credential is left out (or, inside other
 * text, left empty).
 */
export function resolveEnv(document: Document, env: NodeJS.ProcessEnv): EnvResolution {
  const problems: Problem[] = [];
  const secrets = new Set<string>();
  const variables = new Map<string, string[]>();
  const credentials: UnsetCredential[] = [];
  const visit = (node: unknown, path: ProblemPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? (pair.key.value as string | number) : String(pair.key);
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (isScalar(node) && typeof node.value === "string" && node.value.includes("$")) {
      resolveScalar(node as Node & { value: string; type?: string }, path);
    }
  };

  const resolveScalar = (
    node: Node & { value: string; type?: string },
    path: ProblemPath,
  ): void => {
    const text = node.value;
    const unset: string[] = [];
    const resolved = text.replace(
      VARIABLE,
      (whole, name: string | undefined, fallback: string | undefined) => {
        if (whole === "$$") return "$";
        const at = path.join(".");
        variables.set(at, [...(variables.get(at) ?? []), name ?? ""]);
        const value = env[name ?? ""];
        if (value !== undefined && value !== "") {
          if (isSecretPath(path) && value.length >= 4) secrets.add(value);
          return value;
        }
        if (fallback !== undefined) return fallback;
        unset.push(name ?? "");
        return "";
      },
    );
    const only = ONLY_VARIABLE.test(text);
    if (unset.length > 0 && path[0] === "targets" && isSecretPath(path)) {
      credentials.push({ path, names: unset, only, resolve: () => (node.value = resolved) });
      return;
    }
    for (const name of unset) problems.push({ path, message: notSet(name) });
    if (unset.length > 0) return;
    (node as { value: unknown }).value = node.type === "PLAIN" && only ? typed(resolved) : resolved;
  };

  visit(document.contents, []);
  const warnings: Problem[] = [];
  const omitted: ProblemPath[] = [];
  for (const { path, names, only, resolve } of credentials) {
    if (document.getIn(path.slice(0, 2).concat("dry_run")) !== true) {
      for (const name of names) problems.push({ path, message: notSet(name) });
      continue;
    }
    for (const name of names)
      warnings.push({
        path,
        message: `environment variable ${name} is not set; the target is in dry run and sends nothing, so it is left out (set it before turning dry_run off)`,
      });
    if (only) omitted.push(path);
    else resolve();
  }
  return { problems, warnings, omitted, secrets, variables };
}

/** A credential of a target that uses a variable with no value: a problem unless in dry run. */
interface UnsetCredential {
  path: ProblemPath;
  names: string[];
  /** The value is the variable alone (left out entirely in dry run). */
  only: boolean;
  /** Writes the value with the variable left empty. */
  resolve: () => void;
}

function notSet(name: string): string {
  return `environment variable ${name} is not set (write \${${name}:-default} to give a default)`;
}

/**
 * Values from the environment under targets, sources, admin and metrics are secrets (tokens, client secrets,
 * header values, signing keys), except settings that are plainly public: addresses, kinds,
 * time zones, numbers and switches.
 */
const PUBLIC_KEYS =
  /(^|_)(url|type|timezone|bot_id|dry_run|timeout|rate_limit|auth_header|auth_scheme|chat_id|include_event_id|preset|window|tolerance|algorithm|encoding|token_file)$/;

const SECRET_SECTIONS = new Set(["targets", "sources", "admin", "alerts", "metrics"]);

function isSecretPath(path: ProblemPath): boolean {
  if (!SECRET_SECTIONS.has(String(path[0]))) return false;
  const last = path[path.length - 1];
  return !(typeof last === "string" && PUBLIC_KEYS.test(last));
}

function typed(text: string): unknown {
  try {
    const value: unknown = parse(text);
    return typeof value === "number" || typeof value === "boolean" ? value : text;
  } catch {
    return text;
  }
}
