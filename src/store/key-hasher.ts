import { createHmac, randomBytes } from "node:crypto";
import type { IngestInput } from "./store.ts";

/** The row of `store_secrets` that holds the key of dedupe and order key hashes. */
const KEY_HASH_SECRET = "key_hash";

/** A dedupe or order key as stored: equal values give equal hashes, and the value cannot be read back. */
export type KeyHasher = (value: string) => string;

/** How a store reads and writes its `store_secrets` rows. */
export interface StoreSecrets {
  /** Stores the row unless one of that name exists (another instance may be first). */
  insertIfAbsent(name: string, value: string): Promise<unknown>;
  read(name: string): Promise<unknown>;
}

/**
 * The store's KeyHasher (called in migrate): its secret, 256 random bits, is created at the first
 * start; when instances start together the first one's is kept and every one reads that.
 */
export async function loadKeyHasher(secrets: StoreSecrets): Promise<KeyHasher> {
  await secrets.insertIfAbsent(KEY_HASH_SECRET, randomBytes(32).toString("base64url"));
  const secret = await secrets.read(KEY_HASH_SECRET);
  return createKeyHasher(typeof secret === "string" ? secret : "");
}

/**
 * HMAC-SHA256 under the store's own key (kept in the database, so it survives restarts and every
 * PostgreSQL instance shares it). A key may be built from a field `storage.redact` masks (an
 * e-mail): only its hash is stored, and without the key a guessed value cannot be checked.
 */
export function createKeyHasher(secret: string): KeyHasher {
  if (secret.length < 32) throw new Error("the store's key hash secret is missing or too short");
  const key = Buffer.from(secret, "utf8");
  return (value) => createHmac("sha256", key).update(value, "utf8").digest("base64url");
}

/**
 * The ingest with its dedupe key and its deliveries' order keys hashed (absent ones stay absent).
 * `hash` is undefined until the store has read its secret (in migrate): nothing is stored then.
 */
export function hashIngestKeys(input: IngestInput, hash: KeyHasher | undefined): IngestInput {
  if (!hash) throw new Error("the store is not migrated: its key hash secret is not loaded");
  return {
    ...input,
    deliveries: input.deliveries.map((d) =>
      d.order_key === null ? d : { ...d, order_key: hash(d.order_key) },
    ),
    ...(input.dedupe ? { dedupe: { ...input.dedupe, key: hash(input.dedupe.key) } } : {}),
  };
}
