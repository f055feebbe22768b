import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import type { Problem } from "../core/problem.ts";
import { parseConfig } from "./load-config.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { compileSource } from "../sources/compile-source.ts";
import { PRESETS } from "../sources/presets/presets.ts";
import { createSourceSchema } from "../sources/source-schema.ts";

const context = {
  presets: PRESETS,
  functions: createTemplateFunctions({ default_country: "RU", timezone: "UTC" }),
  schema: createSourceSchema(PRESETS),
};
const compile = (entry: unknown) => compileSource("s", entry, context);

describe("compileSource merges the preset's settings under the source's own", () => {
  it.each<[string, unknown, string[]]>([
    ["no preset, no checks", {}, []],
    ["a token", { verify: { token: "k" } }, ["token"]],
    ["tilda without a token: optional, left out", { preset: "tilda" }, []],
    ["tilda with a token", { preset: "tilda", verify: { token: "k" } }, ["token"]],
    [
      "typeform with its secret",
      { preset: "typeform", verify: { hmac: { secret: "s" } } },
      ["hmac"],
    ],
    ["typeform with hmac turned off", { preset: "typeform", verify: { hmac: false } }, []],
    [
      "every check at once",
      {
        verify: {
          token: { secret: "k", in: "header", name: "x-t" },
          hmac: { secret: "s", header: "x-sig" },
          basic: { username: "u", password: "p" },
          ip_allow: ["10.0.0.0/8"],
        },
      },
      ["token", "hmac", "basic", "ip_allow"],
    ],
  ])("%s", (_name, entry, schemes) => {
    const { source, problems } = compile(entry);
    expect(problems).toEqual([]);
    expect(source?.verifiers.map((v) => v.scheme)).toEqual(schemes);
  });

  it.each<[unknown, Problem]>([
    [
      { preset: "typeform" },
      {
        path: ["verify", "hmac"],
        message:
          "the typeform preset verifies requests with hmac: set verify.hmac.secret (or hmac: false to accept unverified requests)",
      },
    ],
    [
      { preset: "pipedrive", verify: { basic: { username: "u" } } },
      {
        path: ["verify", "basic", "password"],
        message: "password is required (the pipedrive preset verifies with basic)",
      },
    ],
    [
      { verify: { hmac: { secret: "s" } } },
      { path: ["verify", "hmac", "header"], message: "header is required" },
    ],
    [
      { verify: { token: { in: "header" } } },
      { path: ["verify", "token", "secret"], message: "secret is required" },
    ],
  ])("reports a missing setting: %j", (entry, problem) => {
    expect(compile(entry).problems).toEqual([problem]);
  });

  it("lets every preset setting be overridden, or turned off with false", () => {
    const { source } = compile({
      preset: "tilda",
      dedupe: false,
      ping: false,
      response: { status: 202, body: "OK" },
    });
    expect(source?.dedupe).toBeUndefined();
    expect(source?.ping).toBeUndefined();
    expect(source?.config.response).toEqual({ status: 202, body: "OK" });
    const own = compile({ preset: "tilda", dedupe: "{{ body.formid }}" }).source;
    expect(own?.dedupe?.text).toBe("{{ body.formid }}");
  });

  it("knows kommo as amocrm", () => {
    expect(compile({ preset: "kommo" }).source?.preset).toBe("amocrm");
  });

  it.each(PRESETS.map((p) => [p.name]))("the %s preset compiles", (name) => {
    const { source } = compile({ preset: name, verify: {} });
    expect(source?.preset).toBe(name);
  });

  it.each(PRESETS.map((p) => [p.name, p.example]))(
    "the %s example of docs/sources.md is a valid source",
    (_name, example) => {
      const env = Object.fromEntries(
        [...example.matchAll(/\$\{(\w+)\}/g)].map((m) => [m[1] ?? "", "a-secret"]),
      );
      const text = `version: 1\nsources:\n${example.replace(/^/gm, "  ")}\n`;
      const loaded = parseConfig(text, "routes.yaml", { actions: createActions(), env });
      expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    },
  );
});
