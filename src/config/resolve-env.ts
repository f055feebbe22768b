import { isMap, isPair, isScalar, isSeq, parse, type Document, type Node } from "yaml";
import type { Problem, ProblemPath } from "../core/problem.ts";

/** A `${NAME}` or `${NAME:-default}` reference, as the loader resolves it (and the editor schema accepts it). */
export const ENV_REFERENCE = String.raw`\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}`;
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const ONLY_VARIABLE = new RegExp(`^${ENV_REFERENCE}$`);

export interface EnvResolution {
  problems: Problem[];
  /** Values taken from the environment under targets, sources and admin: masked wherever they show. */
  secrets: Set<string>;
  /** The variables each resolved value was written with, by dotted path (`targets.bothelp.token`). */
  variables: Map<string, string[]>;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every scalar value of the parsed document (`$$`
 * writes a `$`). A plain scalar that is exactly one variable takes the type its value reads as
 * (`port: ${PORT:-8080}` is a number); a quoted one stays text. An unset variable without a
 * default is a problem at the scalar that uses it.
 */
export function resolveEnv(document: Document, env: NodeJS.ProcessEnv): EnvResolution {
  const problems: Problem[] = [];
  const secrets = new Set<string>();
  const variables = new Map<string, string[]>();
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
    const before = problems.length;
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
        problems.push({
          path,
          message: `environment variable ${name ?? ""} is not set (write \${${name ?? ""}:-default} to give a default)`,
        });
        return "";
      },
    );
    if (problems.length > before) return;
    (node as { value: unknown }).value =
      node.type === "PLAIN" && ONLY_VARIABLE.test(text) ? typed(resolved) : resolved;
  };

  visit(document.contents, []);
  return { problems, secrets, variables };
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
