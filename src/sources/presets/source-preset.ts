import type { SourceSettingsInput } from "../source-settings-schema.ts";
import type { VerifyScheme } from "../verifiers/verify-schema.ts";

/** A sender's defaults, with what its user must paste where; declared once, documented from here. */
export interface SourcePreset {
  name: string;
  /** Other names a source may give it (the same sender under another brand). */
  aliases?: readonly string[];
  /** The sender, as its users know it. */
  title: string;
  /** One line: where in the sender to set the webhook up. */
  setup: string;
  /** The URL to paste, with <host>, <source> and the secret's place. */
  url: string;
  /** Which secret, where it comes from, and where it goes in routes.yaml. */
  secret: string;
  /** The source settings this preset sets. */
  settings: SourceSettingsInput;
  /** Checks that must be configured (their secret set) or turned off with false. */
  required: readonly VerifyScheme[];
  /** Field paths a route would use, with what they hold. */
  fields: Readonly<Record<string, string>>;
  /** The source as it goes in routes.yaml. */
  example: string;
  /** What else to know (INFERRED facts, quirks). */
  notes?: readonly string[];
}
