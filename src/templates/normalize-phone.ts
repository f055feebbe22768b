import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { TemplateError } from "./template-error.ts";

/**
 * A phone number as typed into a form or CRM, in E.164 (`+79991234567`). Accepts masks
 * (`+7 (999) 123-45-67`), a national number in the default country (`8 999 123-45-67`,
 * `9991234567` for RU), a number whose `+` was lost in a query string (` 79991234567`), and JSON
 * numbers (`15550000000`).
 */
export function normalizePhone(value: unknown, defaultCountry: string): string {
  if (typeof value !== "string" && typeof value !== "number") {
    throw new TemplateError(
      "invalid_phone",
      `$phone: expected a string or number, got ${typeName(value)}`,
    );
  }
  const text = String(value).trim();
  const digits = text.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) {
    throw new TemplateError("invalid_phone", `$phone: "${text}" is not a phone number`);
  }
  const country = defaultCountry.toUpperCase() as CountryCode;
  const candidates = text.startsWith("+") ? [text] : [text, `+${digits}`];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, country);
    if (parsed?.isValid()) return parsed.number;
  }
  throw new TemplateError("invalid_phone", `$phone: "${text}" is not a valid phone number`);
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}
