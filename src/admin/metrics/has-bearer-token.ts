import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header carries one of `tokens` as a Bearer token. Every token is
 * compared, each in constant time over its SHA-256, so the answer's timing says nothing of
 * which token came close. Empty tokens never match.
 */
export function hasBearerToken(header: string | undefined, tokens: readonly string[]): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = digest(match[1]);
  let found = false;
  for (const token of tokens)
    if (token !== "" && timingSafeEqual(given, digest(token))) found = true;
  return found;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
