import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import { CONDITION_OPERATORS } from "../routing/condition-schema.ts";
import { parseConfig } from "./load-config.ts";
import { renderConfigDoc } from "./render-config-doc.ts";
import { createRoutesSchema } from "./routes-schema.ts";

const actions = createActions();
const doc = renderConfigDoc(actions);

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = heading.split(" ")[0] ?? "##";
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{2,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

interface Row {
  option: string;
  type: string;
  default: string;
  description: string;
  example: string;
}

/** The option rows of the tables in a text: `| option | type | default | description | example |`. */
function rows(text: string): Row[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| `") && line.split(/ (?<!\\)\| /).length === 5)
    .map((line) => {
      const [option, type, fallback, description, example] = line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.trim());
      return {
        option: (option ?? "").replace(/`/g, ""),
        type: type ?? "",
        default: fallback ?? "",
        description: description ?? "",
        example: example ?? "",
      };
    });
}

function row(text: string, option: string): Row {
  const found = rows(text).find((r) => r.option === option);
  if (!found) throw new Error(`no row ${option}`);
  return found;
}

describe("renderConfigDoc", () => {
  it.each<[string, string, keyof Row, string]>([
    ["## server", "server.port", "default", "`8080`"],
    ["## server", "server.port", "type", "integer 0–65535"],
    ["## server", "server.body_limit", "default", "`1mb`"],
    ["## server", "server.shutdown_timeout", "type", "duration"],
    [
      "## server",
      "server.log_level",
      "description",
      "Least severe log lines written (pino levels); a reload (SIGHUP) applies a change at once. The other server settings take a restart.",
    ],
    ["## storage", "storage.url", "default", "`sqlite:./data/botbridge.db`"],
    ["## storage", "storage.retention", "default", "`30d`"],
    ["## delivery", "delivery.retry", "default", "`[ 10s, 1m, 5m, 15m, 1h, 3h, 6h, 12h, 24h ]`"],
    ["## delivery", "delivery.circuit_breaker.cool_down", "default", "`30s`"],
    ["## delivery", "delivery.circuit_breaker.failures", "example", "`10`"],
    ["## templates", "templates.timezone", "type", "time zone"],
    ["## sources", "sources.<name>.dedupe_window", "default", "`24h`"],
    ["## sources", "sources.<name>.dedupe", "example", '`"{{ body.tranid }}"`'],
    ["## routes", "routes[].id", "default", "**required**"],
    ["## routes", "routes[].actions", "default", "**required**"],
    ["## routes", "routes[].enabled", "default", "`true`"],
    ["## routes", "routes[].when", "type", "[condition](#conditions)"],
    ["## routes", "routes[].retry", "default", ""],
    [
      "### BotHelp target (type: bothelp)",
      "targets.<name>.api_url",
      "default",
      "`https://api.bothelp.io`",
    ],
    [
      "### BotHelp target (type: bothelp)",
      "targets.<name>.token_refresh_margin",
      "default",
      "`2m`",
    ],
    [
      "### BotHelp target (type: bothelp)",
      "targets.<name>.operations.<operation>.method",
      "type",
      "one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`",
    ],
    ["### Metabot target (type: metabot)", "targets.<name>.bot_id", "default", "**required**"],
    ["### Metabot target (type: metabot)", "targets.<name>.timezone", "default", "`Europe/Moscow`"],
    ["### HTTP target (type: http)", "targets.<name>.base_url", "default", "**required**"],
    ["### HTTP target (type: http)", "targets.<name>.headers", "type", "map of header to string"],
  ])("%s: %s has %s %s", (heading, option, column, expected) => {
    expect(row(section(heading), option)[column]).toBe(expected);
  });

  it.each([
    ["storage.url", "BOTBRIDGE_DATABASE_URL overrides it"],
    ["routes[].actions[].<action type>", "[docs/actions.md](actions.md)"],
    ["delivery.timeout", "targets may set their own"],
    ["routes[].actions[].id", "later actions: steps.&lt;id>."],
  ])("describes %s from its schema's meta", (option, text) => {
    expect(row(doc, option).description).toContain(text);
  });

  it("has a section for every top-level key of routes.yaml", () => {
    const keys = Object.keys(createRoutesSchema(actions).shape);
    const documented = keys.filter(
      (key) =>
        doc.includes(`\n## ${key}\n`) ||
        rows(section("## Top level")).some((r) => r.option === key),
    );
    expect(documented).toEqual(keys);
  });

  it("gives every option a description, and every option without options inside an example", () => {
    const all = rows(doc);
    const missing = all.filter((r, i) => {
      const next = all[i + 1]?.option ?? "";
      const hasOptions = next.startsWith(`${r.option}.`) || next.startsWith(`${r.option}[]`);
      return r.description === "" || (r.example === "" && !hasOptions);
    });
    expect(missing.map((r) => r.option)).toEqual([]);
    expect(all.length).toBeGreaterThan(50);
  });

  it("lists every condition operator with an example", () => {
    const operators = section("## Conditions")
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => /^\| `([a-z]+)` \|/.exec(line)?.[1]);
    expect(operators).toEqual([...CONDITION_OPERATORS]);
  });

  it.each([
    ["## Environment variables", "`${VAR:-default}`"],
    ["## Environment variables", "| `BOTBRIDGE_DATABASE_URL` | `storage.url` |"],
    ["## Environment variables", "| `PORT` | `server.port` |"],
    ["## Template syntax and helpers", "| `$phone(value, country?)` |"],
    ["## Template syntax and helpers", "| `$email(value)` |"],
    ["## Template syntax and helpers", "default `YYYY-MM-DD HH:mm:ss`"],
  ])("%s explains %s", (heading, text) => {
    expect(section(heading)).toContain(text);
  });

  it("has examples that together make a valid routes.yaml", () => {
    const examples = doc
      .slice(doc.indexOf("\n## Top level\n"), doc.indexOf("\n## Environment variables\n"))
      .split("```yaml\n")
      .slice(1)
      .map((block) => parse(block.slice(0, block.indexOf("```"))) as Record<string, unknown>);
    const merged: Record<string, unknown> = {};
    for (const example of examples) {
      for (const [key, value] of Object.entries(example)) {
        const before = merged[key];
        merged[key] = isObject(before) && isObject(value) ? { ...before, ...value } : value;
      }
    }
    expect(Object.keys(merged).sort()).toEqual(
      Object.keys(createRoutesSchema(actions).shape).sort(),
    );
    // Every ${VAR} the examples use without a default is set, as a deployment would set it.
    const text = stringify(merged);
    const env = Object.fromEntries(
      [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(([, name]) => [
        name,
        `${name}-value`,
      ]),
    );
    expect(Object.keys(env)).toContain("BOTHELP_CLIENT_SECRET");
    const result = parseConfig(text, "example.yaml", { actions, env });
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.config.settings.delivery.circuit_breaker.cool_down).toBe(60_000);
  });
});

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
