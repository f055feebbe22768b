import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AlertSettings } from "../../config/alerts-schema.ts";
import type { AlertIssue, AlertIssueStore } from "../../store/alert-issue-store.ts";
import type { OperatorStore } from "../../store/operator-store.ts";
import type { AlertOutbox } from "./create-alert-outbox.ts";
import { ALERT_TEXTS_EN } from "./alert-texts-en.ts";
import { ALERT_TEXTS_RU } from "./alert-texts-ru.ts";
import {
  findActiveConditions,
  LOCAL_KINDS,
  type ConditionInputs,
} from "./find-active-conditions.ts";
import { writeAlertMessage } from "./write-alert-message.ts";

export interface AlertEvaluator {
  /** One look at the conditions: issues opened, reminded of, resolved; then what is due is sent. */
  evaluate(): Promise<void>;
  /** A config reload was refused (its problems) or went through (none). */
  reportReload(problems: readonly string[]): void;
  /** Resolves when no evaluation is running. */
  idle(): Promise<void>;
}

export interface AlertEvaluatorDeps {
  store: AlertIssueStore & Pick<OperatorStore, "targetStates">;
  settings: () => AlertSettings;
  consoleUrl: () => string;
  outbox: AlertOutbox;
  now: () => number;
  log: Logger;
  host: string;
  /** The configured target names (targets with no deliveries yet count too). */
  knownTargets: () => readonly string[];
  credentialVariables: ConditionInputs["credentialVariables"];
  /** Free bytes on the data folder's disk; null when there is none to watch. */
  diskFree: () => Promise<{ folder: string; free: number } | null>;
}

/**
 * Keeps alert issues in step with the conditions: a condition that starts holding opens an issue
 * (one message), a digest goes out at most every digest_every while it holds (unless
 * acknowledged), and a resolved message when it clears. Store-wide conditions are judged by any
 * instance; each message is claimed in the store first, so one instance sends it.
 */
export function createAlertEvaluator(deps: AlertEvaluatorDeps): AlertEvaluator {
  const pausedSince = new Map<string, number>();
  let reloadRefused: ConditionInputs["reloadRefused"] = null;
  let running: Promise<void> | undefined;

  const message = (issue: AlertIssue, stage: "opened" | "digest" | "resolved", now: number) => {
    const settings = deps.settings();
    const texts = settings.language === "ru" ? ALERT_TEXTS_RU : ALERT_TEXTS_EN;
    deps.outbox.enqueue(writeAlertMessage(issue, stage, texts, deps.consoleUrl(), now));
  };

  const pass = async () => {
    const settings = deps.settings();
    const now = deps.now();
    const { conditions } = settings;
    const [failing, targets, storeBytes, disk] = await Promise.all([
      deps.store.failingDeliveries(now - conditions.deliveries_failing.window),
      deps.store.targetStates(now, deps.knownTargets()),
      conditions.store_size.enabled && conditions.store_size.above !== undefined
        ? deps.store.storeBytes()
        : null,
      conditions.disk_free.enabled ? deps.diskFree().catch(() => null) : null,
    ]);
    const recentlyPaused = new Set(pausedSince.keys());
    for (const target of targets) {
      const paused = target.paused_until !== null && target.paused_until > now;
      if (!paused) pausedSince.delete(target.name);
      else if (!pausedSince.has(target.name)) pausedSince.set(target.name, now);
    }
    const active = findActiveConditions(conditions, {
      now,
      host: deps.host,
      failing,
      targets,
      pausedSince,
      recentlyPaused,
      reloadRefused,
      storeBytes,
      disk,
      credentialVariables: deps.credentialVariables,
    });
    const keys = new Set(active.map((c) => c.key));
    for (const condition of active) {
      const issue = await deps.store.raiseAlertIssue({ id: randomUUID(), now, ...condition });
      if (await deps.store.claimAlertMessage(issue.id, "opened", now, 0)) {
        deps.log.warn(
          { code: "alert_opened", issue_id: issue.id, key: issue.key },
          "alert issue opened",
        );
        message(issue, "opened", now);
      } else if (
        await deps.store.claimAlertMessage(issue.id, "digest", now, now - settings.digest_every)
      )
        message(issue, "digest", now);
    }
    for (const issue of await deps.store.activeAlertIssues()) {
      if (keys.has(issue.key)) continue;
      if (LOCAL_KINDS.has(issue.kind) && issue.subject !== deps.host) continue;
      if (!(await deps.store.resolveAlertIssue(issue.id, now))) continue;
      deps.log.info(
        { code: "alert_resolved", issue_id: issue.id, key: issue.key },
        "alert issue resolved",
      );
      if (await deps.store.claimAlertMessage(issue.id, "resolved", now, 0))
        message({ ...issue, status: "resolved", resolved_at: now }, "resolved", now);
    }
    await deps.outbox.flush();
  };

  return {
    evaluate() {
      running ??= pass()
        .catch((error: unknown) => {
          deps.log.error({ err: error, code: "alerts_failed" }, "alert evaluation failed");
        })
        .finally(() => (running = undefined));
      return running;
    },
    idle: () => running ?? Promise.resolve(),
    reportReload(problems) {
      reloadRefused =
        problems.length === 0 ? null : { count: problems.length, problem: problems[0] ?? "" };
    },
  };
}
