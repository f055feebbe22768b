import { HttpError } from "../../core/http-error.ts";
import type { AlertIssue } from "../../store/alert-issue-store.ts";
import type { Page, PageRequest } from "../../store/operator-store.ts";
import type { OperateDeps } from "../operate/operate-deps.ts";
import { recordChange } from "../operate/record-change.ts";
import { ALERT_TEXTS_EN } from "./alert-texts-en.ts";
import { ALERT_TEXTS_RU } from "./alert-texts-ru.ts";
import { consoleUrlOf } from "./create-alert-channels.ts";
import type { IssueView, IssuesQuery } from "./issue-schemas.ts";
import { consoleLinkOf, describeIssue } from "./write-alert-message.ts";

/** What the API and the console do with alert issues. */
export interface IssueOperations {
  listIssues(filter: Pick<IssuesQuery, "status">, page: PageRequest): Promise<Page<IssueView>>;
  /** No more digests for an open issue (audited); 409 conflict once it is resolved. */
  acknowledgeIssue(id: string, actor: string): Promise<IssueView>;
}

export function createIssueOperations(deps: OperateDeps): IssueOperations {
  const view = (issue: AlertIssue): IssueView => {
    const config = deps.config();
    const settings = config.settings.alerts;
    const texts = settings.language === "ru" ? ALERT_TEXTS_RU : ALERT_TEXTS_EN;
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    return {
      id: issue.id,
      kind: issue.kind,
      subject: issue.subject,
      status: issue.status,
      text: describeIssue(issue, texts, issue.resolved_at ?? deps.now()),
      link: consoleLinkOf(issue, consoleUrlOf(settings, config.settings.server.port)),
      facts: issue.facts,
      opened_at: new Date(issue.opened_at).toISOString(),
      updated_at: new Date(issue.updated_at).toISOString(),
      resolved_at: iso(issue.resolved_at),
      acknowledged_at: iso(issue.acknowledged_at),
      acknowledged_by: issue.acknowledged_by,
    };
  };
  return {
    async listIssues(filter, page) {
      const found = await deps.store.listAlertIssues(
        filter.status === undefined ? {} : { status: filter.status },
        page,
      );
      return { data: found.data.map(view), next_cursor: found.next_cursor };
    },
    async acknowledgeIssue(id, actor) {
      const change = await deps.store.acknowledgeAlertIssue(id, actor, deps.now());
      if (change === "not_found") throw new HttpError(404, "not_found", `no issue ${id}`);
      if (change === "conflict")
        throw new HttpError(409, "conflict", `issue ${id} is resolved: nothing to acknowledge`);
      const issue = await deps.store.getAlertIssue(id);
      if (!issue) throw new HttpError(404, "not_found", `no issue ${id}`);
      await recordChange(deps, {
        actor,
        action: "acknowledge",
        subject: `issue:${id}`,
        details: { kind: issue.kind, subject: issue.subject },
      });
      return view(issue);
    },
  };
}
