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

/**
 * Every preset, in the order docs/sources.md lists them: the one list of them. The source schema
 * takes its preset names from here (config/ passes it to createSourceSchema).
 */
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
