-- Secrets the store keeps for itself, e.g. `key_hash`: the HMAC key dedupe and order keys are
-- stored under (key-hasher.ts), created at the first start. Kept with the data it protects, so
-- a restored backup keeps answering duplicates and ordering deliveries as before.
CREATE TABLE store_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
