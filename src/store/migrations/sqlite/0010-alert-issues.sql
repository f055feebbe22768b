-- Alert issues (src/admin/alerts/): a condition opens one issue, which is sent once, reminded of
-- in digests while it lasts, and resolved when the condition clears. Claiming a message is an
-- UPDATE ... WHERE, so of several instances only one sends it.
CREATE TABLE alert_issues (
  id               TEXT PRIMARY KEY,
  key              TEXT NOT NULL,
  kind             TEXT NOT NULL,
  subject          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  facts            TEXT NOT NULL DEFAULT '{}',
  opened_at        INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_sent_at     INTEGER,
  resolved_at      INTEGER,
  resolved_sent_at INTEGER,
  acknowledged_at  INTEGER,
  acknowledged_by  TEXT
);
-- at most one issue per condition is not resolved
CREATE UNIQUE INDEX alert_issues_key ON alert_issues (key) WHERE status <> 'resolved';
CREATE INDEX alert_issues_opened ON alert_issues (opened_at, id);
-- deliveries whose last attempt failed, by when (the deliveries_failing condition)
CREATE INDEX deliveries_failing ON deliveries (updated_at) WHERE last_error IS NOT NULL AND status IN ('pending', 'running', 'failed');
