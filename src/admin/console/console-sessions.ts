import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A logged-in operator, read back from the session cookie. */
export interface ConsoleSession {
  /** The admin token's name (the audit actor). */
  name: string;
  expires: number;
  /** The per-session token every POST carries (a hidden field or the x-csrf-token header). */
  csrf: string;
}

export interface ConsoleSessions {
  /** The cookie value for a session of `name` from `now`. */
  issue(name: string, now: number): string;
  /** The session of a cookie value, or null when it is malformed, forged, expired or keyed by old tokens. */
  read(cookie: string | undefined, now: number): ConsoleSession | null;
}

export const SESSION_MS = 12 * 3_600_000;

/**
 * Sessions held by the cookie itself, signed with HMAC-SHA256: any instance on the same store
 * accepts them, and nothing is kept in memory. `secret()` is derived from the admin tokens, so
 * changing the tokens logs everyone out.
 */
export function createConsoleSessions(secret: () => Buffer): ConsoleSessions {
  const sign = (label: string, payload: string) =>
    createHmac("sha256", secret()).update(`${label}\n${payload}`).digest("base64url");
  return {
    issue(name, now) {
      const payload = [
        Buffer.from(name).toString("base64url"),
        String(now + SESSION_MS),
        randomBytes(16).toString("base64url"),
      ].join(".");
      return `${payload}.${sign("session", payload)}`;
    },
    read(cookie, now) {
      const parts = (cookie ?? "").split(".");
      if (parts.length !== 4) return null;
      const [name = "", expires = "", nonce = "", mac = ""] = parts;
      const payload = `${name}.${expires}.${nonce}`;
      const expected = Buffer.from(sign("session", payload));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const until = Number(expires);
      if (!Number.isSafeInteger(until) || until <= now) return null;
      return {
        name: Buffer.from(name, "base64url").toString("utf8"),
        expires: until,
        csrf: sign("csrf", payload),
      };
    },
  };
}

/** The session key from the admin tokens: the same on every instance with the same tokens. */
export function deriveSessionSecret(tokens: readonly string[]): Buffer {
  const hmac = createHmac("sha256", "botbridge console session");
  for (const token of [...tokens].sort()) hmac.update(`${token}\0`);
  return hmac.digest();
}
