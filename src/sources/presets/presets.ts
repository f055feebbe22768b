import { amocrmPreset } from "./amocrm-preset.ts";
import { bitrix24Preset } from "./bitrix24-preset.ts";
import { elementorPreset } from "./elementor-preset.ts";
import { getcoursePreset } from "./getcourse-preset.ts";
import { googleFormsPreset } from "./google-forms-preset.ts";
import { hubspotPreset } from "./hubspot-preset.ts";
import { jotformPreset } from "./jotform-preset.ts";
import { pipedrivePreset } from "./pipedrive-preset.ts";
import type { SourcePreset } from "./source-preset.ts";
import { tallyPreset } from "./tally-preset.ts";
import { tildaPreset } from "./tilda-preset.ts";
import { typeformPreset } from "./typeform-preset.ts";
import { webflowPreset } from "./webflow-preset.ts";

/** Every preset, in the order docs/sources.md lists them. */
export const PRESETS: readonly SourcePreset[] = [
  tildaPreset,
  amocrmPreset,
  bitrix24Preset,
  getcoursePreset,
  hubspotPreset,
  pipedrivePreset,
  typeformPreset,
  jotformPreset,
  webflowPreset,
  tallyPreset,
  elementorPreset,
  googleFormsPreset,
];

export const PRESET_NAMES = [
  "tilda",
  "amocrm",
  "bitrix24",
  "getcourse",
  "hubspot",
  "pipedrive",
  "typeform",
  "jotform",
  "webflow",
  "tally",
  "elementor",
  "google-forms",
  "kommo",
] as const;

export type PresetName = (typeof PRESET_NAMES)[number];

/** Other names of a preset: Kommo is amoCRM's international brand, with the same webhooks. */
const ALIASES: Readonly<Record<string, string>> = { kommo: "amocrm" };

export function findPreset(name: string): SourcePreset | undefined {
  const wanted = ALIASES[name] ?? name;
  return PRESETS.find((p) => p.name === wanted);
}
