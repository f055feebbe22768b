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
export const MASK = "***";

export interface Masker {
  headers(headers: Record<string, string>): Record<string, string>;
  /** A copy of a JSON-like value with secret keys and known secret values masked. */
  value(value: unknown): unknown;
  text(text: string): string;
  /** A response body: known secret values masked, and secret keys too when it is JSON. */
  body(text: string): string;
}

/**
 * Masks what must never be stored or logged: credential headers, secret-named fields, and every
 * value the config took from the environment for a target or source.
 */
export function createMasker(secrets: ReadonlySet<string>): Masker {
  const list = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const text = (input: string): string => {
    let out = input;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
  const value = (input: unknown): unknown => {
    if (typeof input === "string") return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (input !== null && typeof input === "object") {
      return Object.fromEntries(
        Object.entries(input).map(([k, v]) => [
          k,
          SECRET_KEYS.test(k) && v != null ? MASK : value(v),
        ]),
      );
    }
    return input;
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
