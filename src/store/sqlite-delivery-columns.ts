/** The `deliveries` columns the SQLite store reads back (claims and admin lists). */
export const SQLITE_DELIVERY_COLUMNS = `id, event_id, route_id, route_hash, status, next_action, outputs, attempts, order_key,
  next_target, created_at, wait_since, next_attempt_at, last_error, updated_at, run_since`;
