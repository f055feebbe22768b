/** The `deliveries d` columns the PostgreSQL store reads back (claims and admin lists). */
export const POSTGRES_DELIVERY_COLUMNS = `d.id, d.event_id, d.route_id, d.route_hash, d.status, d.next_action, d.outputs,
  d.attempts, d.order_key, d.next_target, d.created_at, d.wait_since, d.next_attempt_at, d.last_error, d.updated_at,
  d.run_since`;
