import { createHash, timingSafeEqual } from "node:crypto";
import type { AdminToken } from "./resolve-admin-tokens.ts";

/**
 * The name of the token an `Authorization: Bearer <token>` header carries, or null when it
 * carries none of them. Every token is compared, in constant time, whatever matched first.
 */
export function checkToken(
  tokens: readonly AdminToken[],
  authorization: string | undefined,
): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  const presented = match?.[1];
  if (presented === undefined) return null;
  const digest = sha256(presented);
  let name: string | null = null;
  for (const candidate of tokens)
    if (timingSafeEqual(digest, sha256(candidate.token)) && name === null) name = candidate.name;
  return name;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
