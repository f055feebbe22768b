import { normalizePhone } from "../templates/normalize-phone.ts";

/** Most terms kept for one event: enough for a form or a CRM record, bounded for a huge body. */
export const MAX_TERMS = 200;
/** Longer words are tokens and hashes, not what anyone types into a search box. */
const MAX_WORD = 64;
const MAX_PHONES = 50;
/** Only the start of a huge body is searched, so one request cannot cost much CPU. */
const MAX_TEXT = 65_536;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const WHOLE_EMAIL = new RegExp(`^${EMAIL.source}$`, "u");
/** A number as typed: digits with spaces, dashes, dots or brackets between, perhaps a leading +; one line (values are lines). */
const PHONE = /\+?\d[\d \t\u00a0().-]{5,}\d/g;
const WHOLE_PHONE = /^\+?[\d \t\u00a0().-]+$/;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The search terms of an event's stored text (its redacted body and query values): e-mails
 * lowercased, phone numbers in E.164 (`+79123456789` for `8 (912) 345-67-89`, `+7 912 345 67
 * 89` and `79123456789` alike, national numbers read in `defaultCountry`), then its words
 * (letters and digits, lowercased, 2 to 64 long); distinct, at most MAX_TERMS.
 */
export function searchTermsOf(whole: string, defaultCountry: string): string[] {
  const text = whole.slice(0, MAX_TEXT);
  const terms = new Set<string>();
  const add = (term: string) => {
    if (terms.size < MAX_TERMS) terms.add(term);
  };
  for (const [email] of text.matchAll(EMAIL)) add(email.toLowerCase());
  let phones = 0;
  for (const [candidate] of text.matchAll(PHONE)) {
    if (phones++ >= MAX_PHONES) break;
    const phone = phoneOf(candidate, defaultCountry);
    if (phone) add(phone);
  }
  for (const [word] of text.matchAll(WORD)) {
    if (terms.size >= MAX_TERMS) break;
    if (word.length >= 2 && word.length <= MAX_WORD) add(word.toLowerCase());
  }
  return [...terms];
}

/**
 * The terms a search box's `q` stands for, every one of which an event must have: a phone
 * number is its E.164 term, an e-mail its lowercased self, anything else its words. Empty when
 * `q` holds nothing searchable (a single letter, punctuation).
 */
export function queryTermsOf(q: string, defaultCountry: string): string[] {
  const text = q.trim();
  if (WHOLE_EMAIL.test(text)) return [text.toLowerCase()];
  if (WHOLE_PHONE.test(text)) {
    const phone = phoneOf(text, defaultCountry);
    if (phone) return [phone];
  }
  const words = [...text.matchAll(WORD)]
    .map(([word]) => word.toLowerCase())
    .filter((word) => word.length >= 2 && word.length <= MAX_WORD);
  return [...new Set(words)];
}

/** The E.164 form of a number as typed, or undefined when it is no valid phone number. */
function phoneOf(candidate: string, defaultCountry: string): string | undefined {
  try {
    return normalizePhone(candidate, defaultCountry);
  } catch {
    return undefined;
  }
}

/** The text an event is searched by: every string and number of its body and query, not their keys. */
export function searchTextOf(values: readonly unknown[], skip: string): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (value !== skip) parts.push(value);
    } else if (typeof value === "number" || typeof value === "bigint") parts.push(String(value));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
  };
  values.forEach(visit);
  return parts.join("\n");
}
