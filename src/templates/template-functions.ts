import { formatTime } from "./format-time.ts";
import { normalizePhone } from "./normalize-phone.ts";

export interface TemplateSettings {
  /** Country for phone numbers written without a country code (ISO 3166 alpha-2). */
  default_country: string;
  /** Time zone `$time` formats in when none is given. */
  timezone: string;
}

/** The helper functions every template can call, bound to the config's settings. */
export type TemplateFunctions = Record<string, (...args: unknown[]) => unknown>;

export function createTemplateFunctions(settings: TemplateSettings): TemplateFunctions {
  return {
    phone: (value, country) =>
      value == null
        ? undefined
        : normalizePhone(value, typeof country === "string" ? country : settings.default_country),
    email: (value) =>
      value == null ? undefined : `${value as string | number}`.trim().toLowerCase(),
    time: (value, picture, timezone) =>
      value == null
        ? undefined
        : formatTime(
            value,
            typeof picture === "string" ? picture : undefined,
            typeof timezone === "string" ? timezone : settings.timezone,
          ),
  };
}
