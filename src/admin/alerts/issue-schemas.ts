import { z } from "zod";
import { pageQuery } from "../api/request-schemas.ts";

const time = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
export const ISSUE_STATUSES = ["open", "acknowledged", "resolved"] as const;

export const issuesQuery = pageQuery.extend({
  status: z.enum(ISSUE_STATUSES).optional().meta({
    description: "open (digests go out), acknowledged (no more digests) or resolved.",
  }),
});

export const issueView = z
  .strictObject({
    id: z.string(),
    kind: z.string().meta({
      description:
        "The condition: deliveries_failing, target_paused, waiting_too_long, credentials_refused, reload_refused, store_size or disk_free.",
    }),
    subject: z
      .string()
      .meta({ description: "The target, route or host it is about; empty for none." }),
    status: z.enum(ISSUE_STATUSES),
    text: z.string().meta({ description: "What is wrong, in alerts.language." }),
    link: z.string().meta({ description: "The console page of the problem." }),
    facts: z.record(z.string(), z.unknown()),
    opened_at: time,
    updated_at: time,
    resolved_at: time.nullable(),
    acknowledged_at: time.nullable(),
    acknowledged_by: z.string().nullable(),
  })
  .meta({ id: "Issue" });

export type IssueView = z.output<typeof issueView>;
export type IssuesQuery = z.output<typeof issuesQuery>;
