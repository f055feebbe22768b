import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createActions } from "../src/actions/actions.ts";
import { parseConfig } from "../src/config/load-config.ts";

/**
 * The committed editor JSON Schema (test/generated-files.test.ts keeps it fresh), checked by a
 * real draft 2020-12 validator against files as an editor sees them: parsed, `${VAR}` unresolved.
 */
const root = new URL("../", import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL("schema/routes.schema.json", root), "utf8"),
) as Record<string, unknown>;
// zod writes `format: "starts_with"` beside the pattern that checks it; the pattern suffices.
const ajv = new Ajv2020({
  strict: true,
  allowUnionTypes: true,
  allErrors: true,
  formats: { starts_with: true },
});
addFormats.default(ajv);
const validate = ajv.compile(schema);

function schemaErrors(document: unknown): string[] {
  return validate(document)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);
}

const shipped = [
  "routes.yaml",
  ...readdirSync(new URL("examples/", root))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => `examples/${name}`),
];

describe("schema/routes.schema.json", () => {
  it.each(shipped)("accepts %s as written, ${VAR} references unresolved", (file) => {
    expect(schemaErrors(parse(readFileSync(new URL(file, root), "utf8")))).toEqual([]);
  });

  // Block style, as a plain scalar in a flow map cannot start with `${`.
  const options: Record<string, (value: string) => string> = {
    dry_run: (value) =>
      `targets:\n  t:\n    type: bothelp\n    client_id: a\n    client_secret: b\n    dry_run: ${value}`,
    bot_id: (value) => `targets:\n  t:\n    type: metabot\n    bot_id: ${value}\n    token: t`,
    base_url: (value) => `targets:\n  t:\n    type: http\n    base_url: ${value}`,
    type: (value) => `targets:\n  t:\n    type: ${value}\n    base_url: https://a.example`,
    port: (value) => `server:\n  port: ${value}`,
    log_level: (value) => `server:\n  log_level: ${value}`,
    timeout: (value) => `delivery:\n  timeout: ${value}`,
    "a source name": (value) => `sources:\n  ${value}:`,
  };

  // The loader's verdict (no variable set) sits beside the schema's: they agree except where
  // only the environment can tell.
  it.each([
    { option: "dry_run", value: "true", schema: true, loader: true },
    { option: "dry_run", value: "maybe", schema: false, loader: false },
    { option: "dry_run", value: "${X:-true}", schema: true, loader: true },
    { option: "dry_run", value: "${X}", schema: true, loader: false }, // unset, no default
    { option: "dry_run", value: "${X:-maybe}", schema: true, loader: false }, // a bad default
    { option: "dry_run", value: "$X", schema: false, loader: false }, // not a reference
    { option: "dry_run", value: "${1X}", schema: false, loader: false }, // not a variable name
    { option: "bot_id", value: "1", schema: true, loader: true },
    { option: "bot_id", value: "abc", schema: false, loader: false },
    { option: "bot_id", value: "${METABOT_BOT_ID:-1}", schema: true, loader: true },
    { option: "base_url", value: "not a url", schema: false, loader: false },
    {
      option: "base_url",
      value: "${BASE:-https://crm.example.com}/api",
      schema: true,
      loader: true,
    },
    { option: "type", value: "${KIND:-http}", schema: true, loader: true },
    { option: "port", value: "${PORT:-8080}", schema: true, loader: true },
    { option: "port", value: "70000", schema: false, loader: false },
    { option: "log_level", value: "loud", schema: false, loader: false },
    { option: "log_level", value: "${LOG_LEVEL:-debug}", schema: true, loader: true },
    { option: "timeout", value: "${TIMEOUT:-5s}", schema: true, loader: true },
    { option: "timeout", value: "soon", schema: false, loader: false },
    { option: "a source name", value: "tilda", schema: true, loader: true },
    { option: "a source name", value: "${S:-tilda}", schema: false, loader: false }, // keys stay as written
  ])("$option: $value (schema accepts: $schema, loader: $loader)", (row) => {
    const text = `version: 1\n${options[row.option]!(row.value)}\n`;
    expect(schemaErrors(parse(text)).length === 0).toBe(row.schema);
    const loaded = parseConfig(text, "routes.yaml", { actions: createActions(), env: {} });
    expect(loaded.ok).toBe(row.loader);
  });
});
