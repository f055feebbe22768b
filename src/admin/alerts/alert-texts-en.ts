/**
 * The alert texts in English. `{name}` is filled in; alert-texts-ru.ts has the same keys and
 * placeholders (a test holds them equal). Plain text only: no Markdown or HTML.
 */
export const ALERT_TEXTS_EN = {
  opened: "botbridge: PROBLEM\n{text}\n{link}",
  digest: "botbridge: STILL A PROBLEM (since {since})\n{text}\n{link}",
  resolved: "botbridge: RESOLVED after {lasted}\n{text}\n{link}",
  test: "botbridge: test alert from {host}. If you read this, alerts reach this channel.\n{link}",
  deliveries_failing_target:
    "{count} deliveries to target {subject} failed in the last {window}. Last error: {last_error}",
  deliveries_failing_route:
    "{count} deliveries of route {subject} failed in the last {window}. Last error: {last_error}",
  target_paused: "Target {subject} has been paused for {paused_for} ({cause}). {reason}",
  cause_rate_limit: "it answers 429 Too Many Requests",
  cause_circuit_breaker: "circuit breaker: repeated failures",
  cause_operator: "paused by hand",
  waiting_too_long:
    "A delivery to target {subject} has been waiting for {waited} ({count} waiting in all).",
  credentials_refused:
    "Target {subject} refused botbridge's credentials. It is paused and its deliveries wait; none is lost. Fix {variables}, then reload the config or resume the target. {reason}",
  credentials_unknown_variable: "its credentials in routes.yaml",
  reload_refused:
    "Config reload refused on {subject}: {count} problem(s) in routes.yaml; the last good config runs on. First: {problem}",
  store_size: "The store takes {size}, over the {limit} of alerts.conditions.store_size.",
  disk_free: "Only {free} free on the disk of {folder} on {subject} (alert below {limit}).",
  unit_s: "{n} s",
  unit_min: "{n} min",
  unit_h: "{n} h",
  unit_d: "{n} d",
  unit_mb: "{n} MB",
  unit_gb: "{n} GB",
} as const;

export type AlertTexts = Record<keyof typeof ALERT_TEXTS_EN, string>;
