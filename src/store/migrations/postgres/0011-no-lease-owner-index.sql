-- A delivery's lease owner is looked up at shutdown only (release), where the status index
-- finds the running ones. Its own index cost a write on every claim and hand-off, and the
-- planner could pick it for an advance by id, walking every delivery this instance held.
DROP INDEX deliveries_lease_owner;
