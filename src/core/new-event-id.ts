import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then random bits; sorts by
 * time. The random part comes from `randomUUID`, whose entropy is drawn in batches, so an id
 * costs no system call of its own.
 */
export function newEventId(now: number = Date.now()): string {
  const ms = Math.trunc(now).toString(16).padStart(12, "0");
  // a v4 UUID's 74 random bits and its variant stay; the version nibble (index 14) becomes 7
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
