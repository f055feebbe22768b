-- Every delivery names its route snapshot by hash now (moved by move-postgres-route-snapshots.ts).
ALTER TABLE deliveries ALTER COLUMN route_hash SET NOT NULL, DROP COLUMN route_snapshot;
