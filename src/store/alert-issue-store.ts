import type { AdminChange, Page, PageRequest } from "./operator-store.ts";

/**
 * Where alert issues live (src/admin/alerts/), beside what alert conditions read of deliveries.
 * Every instance on a PostgreSQL store evaluates the conditions; an issue is opened once per
 * condition, and each of its messages is claimed by one instance before it is sent.
 */
export interface AlertIssueStore {
  /**
   * Opens an issue for `key` unless one is open or acknowledged, whose facts are then updated;
   * returns that issue.
   */
  raiseAlertIssue(issue: NewAlertIssue): Promise<AlertIssue>;
  /** The issues not resolved. */
  activeAlertIssues(): Promise<AlertIssue[]>;
  /** Marks an issue resolved; false when it already was. */
  resolveAlertIssue(id: string, now: number): Promise<boolean>;
  /**
   * Claims the sending of one message of an issue, for this instance only: `opened` once;
   * `digest` when the last message went out at or before `digestBefore` and nobody acknowledged
   * it; `resolved` once, after an opened message went out. False: not due, or claimed elsewhere.
   */
  claimAlertMessage(
    id: string,
    stage: "opened" | "digest" | "resolved",
    now: number,
    digestBefore: number,
  ): Promise<boolean>;
  /** Issues newest first. */
  listAlertIssues(
    filter: { status?: AlertIssueStatus },
    page: PageRequest,
  ): Promise<Page<AlertIssue>>;
  getAlertIssue(id: string): Promise<AlertIssue | null>;
  /** An open issue sends no more digests; `conflict` when it is resolved. */
  acknowledgeAlertIssue(id: string, by: string, now: number): Promise<AdminChange>;
  /** Deliveries whose last attempt failed (failed, or waiting for a retry), changed since `since`. */
  failingDeliveries(since: number): Promise<FailingDeliveries[]>;
  /** The bytes the store takes (the SQLite file; PostgreSQL: the tables of its schema). */
  storeBytes(): Promise<number>;
}

export type AlertIssueStatus = "open" | "acknowledged" | "resolved";

export interface NewAlertIssue {
  id: string;
  key: string;
  kind: string;
  subject: string;
  facts: Record<string, unknown>;
  now: number;
}

export interface AlertIssue {
  id: string;
  key: string;
  kind: string;
  subject: string;
  status: AlertIssueStatus;
  facts: Record<string, unknown>;
  opened_at: number;
  updated_at: number;
  last_sent_at: number | null;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

export interface FailingDeliveries {
  target: string | null;
  route_id: string;
  count: number;
  /** The most recent one's last_error. */
  last_error: string | null;
}
