import type { Request } from "express";
import { queryText } from "./console-request.ts";

export const STATUSES = ["pending", "running", "succeeded", "failed", "cancelled"] as const;
export type Status = (typeof STATUSES)[number];

/** The events list's filters as the API's listEvents takes them (times as ISO 8601, UTC). */
export interface EventFilterQuery {
  q?: string;
  source?: string;
  route?: string;
  status?: Status;
  since?: string;
  until?: string;
}

/**
 * The filters of /events from its query string; a value that does not parse is left out (the
 * form shows what was typed). Times come from datetime-local inputs and are read as UTC.
 */
export function readEventFilter(req: Request): EventFilterQuery {
  const filter: EventFilterQuery = {};
  const q = queryText(req, "q")?.trim().slice(0, 500);
  if (q) filter.q = q;
  const source = queryText(req, "source");
  if (source) filter.source = source;
  const route = queryText(req, "route");
  if (route) filter.route = route;
  const status = queryText(req, "status");
  if (STATUSES.includes(status as Status)) filter.status = status as Status;
  const since = utc(queryText(req, "since"));
  if (since) filter.since = since;
  const until = utc(queryText(req, "until"));
  if (until) filter.until = until;
  return filter;
}

/** `2026-12-06T10:00` (a datetime-local input) or a full ISO time as ISO 8601 UTC. */
function utc(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The filters as a query string (for links that keep them), without a leading `?`. */
export function filterQuery(filter: EventFilterQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra }))
    if (value) params.set(key, value);
  return params.toString();
}
