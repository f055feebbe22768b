-- Secrets the store keeps for itself, e.g. `key_hash`: the HMAC key dedupe and order keys are
-- stored under (key-hasher.ts), created by the first instance to start and shared by all, so
-- every instance hashes a key alike and a restored backup keeps working.
CREATE TABLE store_secrets (
  name  text PRIMARY KEY,
  value text NOT NULL
);
