import type { SourcePreset } from "./source-preset.ts";

/** The preset a source names, by its name or one of its aliases. */
export function findPreset(
  presets: readonly SourcePreset[],
  name: string,
): SourcePreset | undefined {
  return presets.find((p) => p.name === name || (p.aliases ?? []).includes(name));
}
