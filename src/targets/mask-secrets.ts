import { base64Cores, secretPattern } from "./secret-pattern.ts";

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
]);
const SECRET_KEYS =
  /^(client_secret|password|passwd|secret|token|access_token|refresh_token|api_key|apikey)$/i;
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;
export const MASK = "***";

export interface Masker {
  headers(headers: Record<string, string>): Record<string, string>;
  /** A copy of a JSON-like value with secret keys (credential headers too) and known secret values masked. */
  value(value: unknown): unknown;
  /** Known secret values masked, in every encoding they take on the wire (see secretPattern). */
  text(text: string): string;
  /** A response body: known secret values masked, and secret keys too when it is JSON. */
  body(text: string): string;
}

/**
 * Masks what must never be stored or logged: credential headers, secret-named fields, and every
 * value the config took from the environment for a target or source, as written, URL- or
 * form-encoded, JSON-escaped, or inside base64 (Basic auth's `user:password`).
 */
export function createMasker(secrets: ReadonlySet<string>): Masker {
  const list = [...secrets]
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length)
    .map((secret) => ({ pattern: secretPattern(secret), cores: base64Cores(secret) }));
  const text = (input: string): string => {
    let out = input;
    for (const { pattern, cores } of list) {
      out = out.replace(pattern, MASK);
      for (const core of cores) out = maskBase64(out, core);
    }
    return out;
  };
  const value = (input: unknown): unknown => {
    // One pass over the JSON text finds whether any string holds a secret (most hold none);
    // only then is each string masked on the way down.
    const json = JSON.stringify(input) as string | undefined;
    return maskKeys(input, json !== undefined && text(json) !== json ? text : undefined);
  };
  return {
    headers: (headers) =>
      Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [
          k,
          SECRET_HEADERS.has(k.toLowerCase()) ? MASK : text(v),
        ]),
      ),
    value,
    text,
    body: (input) => {
      if (!/^\s*[[{]/.test(input)) return text(input);
      try {
        const parsed: unknown = JSON.parse(input);
        const masked = JSON.stringify(value(parsed));
        return masked === JSON.stringify(parsed) ? text(input) : masked;
      } catch {
        return text(input);
      }
    },
  };
}

/** A copy with secret-named keys and credential headers masked, and strings passed through `text`. */
function maskKeys(input: unknown, text: ((s: string) => string) | undefined): unknown {
  if (typeof input === "string") return text ? text(input) : input;
  if (input === null || typeof input !== "object") return input;
  if (Array.isArray(input)) return input.map((v: unknown) => maskKeys(v, text));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    const key = text ? text(k) : k;
    const masked = isSecretKey(k) && v != null ? MASK : maskKeys(v, text);
    // a "__proto__" key stays a plain key of the copy
    if (key === "__proto__") Object.defineProperty(out, key, { value: masked, enumerable: true });
    else out[key] = masked;
  }
  return out;
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.test(key) || SECRET_HEADERS.has(key.toLowerCase());
}

/** Every base64 word holding `core` masked whole (its other characters may encode secret bits). */
function maskBase64(input: string, core: string): string {
  let out = input;
  for (let at = out.indexOf(core); at !== -1; at = out.indexOf(core, at + MASK.length)) {
    let start = at;
    let end = at + core.length;
    while (start > 0 && BASE64_CHAR.test(out.charAt(start - 1))) start -= 1;
    while (end < out.length && BASE64_CHAR.test(out.charAt(end))) end += 1;
    while (out.charAt(end) === "=") end += 1;
    out = out.slice(0, start) + MASK + out.slice(end);
    at = start;
  }
  return out;
}
