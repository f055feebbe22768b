-- Claims take due deliveries in (next_attempt_at, seq) order. With both columns in the index a
-- claim walks it and stops at its limit, instead of sorting every pending delivery (a backlog
-- of 20,000 made each claim cost tens of milliseconds of blocked event loop).
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, seq) WHERE status IN ('pending', 'running');
