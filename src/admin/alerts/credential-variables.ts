import { createHash } from "node:crypto";
import type { Config } from "../../config/config.ts";
import { targetKindOf } from "../../targets/targets.ts";

/** The `${VAR}`s a target's credentials were written with (none known: written in the file). */
export function credentialVariables(config: Config, target: string): string[] {
  const settings = config.targets[target];
  if (!settings) return [];
  const fields = targetKindOf(settings.type).credentials?.fields ?? [];
  const names = fields.flatMap((f) => config.variables.get(`targets.${target}.${f}`) ?? []);
  return [...new Set(names)];
}

/** Targets whose credential settings differ between two loaded configs (compared by hash). */
export function findChangedCredentials(before: Config, after: Config): string[] {
  return Object.keys(after.targets).filter(
    (name) => credentialHash(before, name) !== credentialHash(after, name),
  );
}

function credentialHash(config: Config, target: string): string | null {
  const settings = config.targets[target] as unknown as Record<string, unknown> | undefined;
  if (!settings) return null;
  const fields = targetKindOf(String(settings.type)).credentials?.fields ?? [];
  const values = fields.map((f) => settings[f] ?? null);
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}
