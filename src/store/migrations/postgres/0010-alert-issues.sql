-- Alert issues (src/admin/alerts/): a condition opens one issue, which is sent once, reminded of
-- in digests while it lasts, and resolved when the condition clears. Claiming a message is an
-- UPDATE ... WHERE, so of several instances only one sends it.
CREATE TABLE alert_issues (
  id               text PRIMARY KEY,
  key              text NOT NULL,
  kind             text NOT NULL,
  subject          text NOT NULL,
  status           text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  facts            text NOT NULL DEFAULT '{}',
  opened_at        bigint NOT NULL,
  updated_at       bigint NOT NULL,
  last_sent_at     bigint,
  resolved_at      bigint,
  resolved_sent_at bigint,
  acknowledged_at  bigint,
  acknowledged_by  text
);
-- at most one issue per condition is not resolved
CREATE UNIQUE INDEX alert_issues_key ON alert_issues (key) WHERE status <> 'resolved';
CREATE INDEX alert_issues_opened ON alert_issues (opened_at, id);
-- deliveries whose last attempt failed, by when (the deliveries_failing condition)
CREATE INDEX deliveries_failing ON deliveries (updated_at) WHERE last_error IS NOT NULL AND status IN ('pending', 'running', 'failed');
