import { normalizePhone } from "../templates/normalize-phone.ts";

/** Most terms kept for one event: enough for a form or a CRM record, bounded for a huge body. */
export const MAX_TERMS = 200;
/** Longer words are tokens and hashes, not what anyone types into a search box. */
const MAX_WORD = 64;
const MAX_PHONES = 50;
/** Words looked at: a text of one-letter words (never kept) costs no more than a real one. */
const MAX_WORDS = 4_000;
/** Only the start of a huge body is searched, so one request cannot cost much CPU. */
const MAX_TEXT = 65_536;

const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy;
const WHOLE_EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
/** The longest local part and domain an address may have (RFC 5321). */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
/** `@` signs looked at: a text of nothing but them costs no more than a real one. */
const MAX_AT_SIGNS = 1_000;
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
  for (const email of emailsIn(text)) add(email.toLowerCase());
  let phones = 0;
  for (const [candidate] of text.matchAll(PHONE)) {
    if (phones++ >= MAX_PHONES) break;
    const phone = phoneOf(candidate, defaultCountry);
    if (phone) add(phone);
  }
  let words = 0;
  for (const [word] of text.matchAll(WORD)) {
    if (terms.size >= MAX_TERMS || words++ >= MAX_WORDS) break;
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

/**
 * The e-mail addresses in `text`, found from each `@` outwards: at most 64 characters of local
 * part before it and a domain of at most 255 after it (matched where it stands, up to the next
 * `@` at most). Linear in the text's length, where one regular expression over the whole text
 * backtracked quadratically on a long run of letters (a 1 KB field of them cost more than the
 * rest of the request; 64 KB of them held the event loop for seconds).
 */
function* emailsIn(text: string): Generator<string> {
  let tries = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (tries++ >= MAX_AT_SIGNS) return;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text.charAt(start - 1)))
      start -= 1;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text)?.[0];
    if (domain && domain.length <= MAX_DOMAIN) yield `${text.slice(start, at)}@${domain}`;
  }
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
