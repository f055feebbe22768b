import { defineEndpoint, type Endpoint } from "../api/define-endpoint.ts";
import { pageOf } from "../api/response-schemas.ts";
import { issuesQuery, issueView } from "./issue-schemas.ts";

/** GET /issues and POST /issues/{id}/acknowledge of the operator API. */
export const ISSUE_ENDPOINTS: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/issues",
    summary: "Alert issues, newest first",
    description:
      "An issue opens once when an alert condition starts holding, reminds in digests while it lasts (unless acknowledged) and resolves when it clears (docs/alerts.md).",
    query: issuesQuery,
    responses: { 200: { description: "A page of issues", schema: pageOf(issueView) } },
    errors: { 400: "invalid_query or invalid_cursor" },
    handle: async (op, { query }) => ({
      status: 200,
      body: await op.listIssues(query, { cursor: query.cursor, limit: query.limit }),
    }),
  }),
  defineEndpoint({
    method: "post",
    path: "/issues/{id}/acknowledge",
    summary: "Acknowledge an issue: no more digests",
    description:
      "It stays listed until its condition clears; then a resolved message is still sent.",
    responses: { 200: { description: "The issue, acknowledged", schema: issueView } },
    errors: { 404: "not_found: no such issue", 409: "conflict: the issue is resolved" },
    handle: async (op, { params, actor }) => ({
      status: 200,
      body: await op.acknowledgeIssue(params.id ?? "", actor),
    }),
  }),
];
