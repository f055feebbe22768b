import type { Problem } from "../core/problem.ts";
import { compileCondition, type CompiledCondition } from "../routing/compile-condition.ts";
import { ConditionSyntaxError } from "../routing/condition-syntax-error.ts";
import { compileTemplate, type CompiledTemplate } from "../templates/compile-template.ts";
import { TemplateSyntaxError } from "../templates/template-error.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import { findPreset } from "./presets/find-preset.ts";
import type { SourcePreset } from "./presets/source-preset.ts";
import type { SourceConfig, SourceSchema } from "./source-schema.ts";
import { sourceSettingsSchema } from "./source-settings-schema.ts";
import { compileVerifiers, type Verifier } from "./verifiers/compile-verifiers.ts";

export interface CompiledSource {
  name: string;
  /** The preset's settings with the source's own over them. */
  config: SourceConfig;
  preset?: string;
  /** Every check a request must pass, in order. */
  verifiers: Verifier[];
  dedupe?: CompiledTemplate;
  /** Marks a sender's test request: answered, not stored. */
  ping?: CompiledCondition;
}

/** What compiling a source reads: the presets it may name, template helpers, its schema. */
export interface SourceCompileContext {
  presets: readonly SourcePreset[];
  functions: TemplateFunctions;
  /** The source schema built for these presets (see createSourceSchema). */
  schema: SourceSchema;
}

/**
 * A source as it runs: its preset's settings with the source's own over them (key by key, and
 * check by check under verify), its checks compiled, its templates and ping condition compiled.
 * Undefined when the entry does not validate (the schema reports why). Problems and warnings
 * (settings that load but protect less than they seem to) are relative to the source entry, like
 * a route's; the loader puts them under `sources.<name>`.
 */
export function compileSource(
  name: string,
  entry: unknown,
  context: SourceCompileContext,
): { source?: CompiledSource; problems: Problem[]; warnings: Problem[] } {
  const { functions } = context;
  const parsed = context.schema.safeParse(entry ?? {});
  if (!parsed.success) return { problems: [], warnings: [] };
  const own = parsed.data;
  const preset = own.preset ? findPreset(context.presets, own.preset) : undefined;
  const theirs = preset ? sourceSettingsSchema.parse(preset.settings) : {};
  const config = { ...theirs, ...definedOnly(own), dedupe_window: own.dedupe_window };
  const { verifiers, problems, warnings } = compileVerifiers(
    preset
      ? { name: preset.name, verify: theirs.verify ?? {}, required: preset.required }
      : undefined,
    own.verify,
  );

  const source: CompiledSource = {
    name,
    config,
    verifiers,
    ...(preset ? { preset: preset.name } : {}),
  };
  if (typeof config.dedupe === "string") {
    try {
      source.dedupe = compileTemplate(config.dedupe, functions);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      problems.push({
        path: ["dedupe"],
        message: error.message,
        offset: error.offset,
      });
    }
  }
  if (config.ping !== undefined && config.ping !== false) {
    try {
      source.ping = compileCondition(config.ping, functions);
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error;
      problems.push({
        path: ["ping", ...error.path],
        message: error.message,
        atKey: error.atKey,
        offset: error.offset,
      });
    }
  }
  return { source, problems, warnings };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
