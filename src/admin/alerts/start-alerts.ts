import { statfs } from "node:fs/promises";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Config } from "../../config/config.ts";
import type { Masker } from "../../targets/mask-secrets.ts";
import type { CircuitBreaker } from "../../targets/circuit-breaker.ts";
import type { Store } from "../../store/store.ts";
import { dataFolderOf } from "../operate/resolve-admin-tokens.ts";
import { consoleUrlOf, createAlertChannels } from "./create-alert-channels.ts";
import { createAlertEvaluator } from "./create-alert-evaluator.ts";
import { createAlertOutbox, type AlertSentHook } from "./create-alert-outbox.ts";
import { credentialVariables, findChangedCredentials } from "./credential-variables.ts";

export interface Alerts {
  /** Looks at the conditions now (and sends what is due). */
  evaluate(): Promise<void>;
  /**
   * After a reload attempt: its problems (none: it went through), and, when it went through,
   * the config before it: targets held for refused credentials whose credentials changed resume.
   */
  reloaded(problems: readonly string[], before?: Config): Promise<void>;
  /** Stops the timer and waits for an evaluation under way. */
  stop(): Promise<void>;
}

export interface AlertsDeps {
  store: Store;
  config: () => Config;
  masker: () => Masker;
  breaker: CircuitBreaker;
  port: number;
  now: () => number;
  log: Logger;
  /** Deliveries became due again (a target was resumed). */
  wake: () => void;
  /** Each message sent or given up on, for the metrics: wire it to telemetry.alertSent. */
  onSent?: AlertSentHook;
}

/**
 * Alerts for the running server: channels from the current config, the evaluator on a timer of
 * alerts.evaluate_every, and the release of targets whose refused credentials a reload changed.
 */
export function startAlerts(deps: AlertsDeps): Alerts {
  const { log } = deps;
  const settings = () => deps.config().settings.alerts;
  const channels = () =>
    createAlertChannels(settings(), deps.config().functions, (t) => deps.masker().text(t));
  let current = channels();
  const outbox = createAlertOutbox({
    channels: () => current,
    now: deps.now,
    log,
    onSent: deps.onSent,
  });
  const evaluator = createAlertEvaluator({
    store: deps.store,
    settings,
    consoleUrl: () => consoleUrlOf(settings(), deps.port),
    outbox,
    now: deps.now,
    log,
    host: hostname(),
    knownTargets: () => Object.keys(deps.config().targets),
    credentialVariables: (target) => credentialVariables(deps.config(), target),
    diskFree: async () => {
      const folder = dataFolderOf(deps.config().settings.storage.url);
      const stats = await statfs(folder);
      return { folder, free: stats.bavail * stats.bsize };
    },
  });
  let timer = setInterval(() => void evaluator.evaluate(), settings().evaluate_every);
  timer.unref();
  void evaluator.evaluate();

  const resumeChanged = async (before: Config) => {
    const now = deps.now();
    const changed = new Set(findChangedCredentials(before, deps.config()));
    const states = await deps.store.targetStates(now, [...changed]);
    for (const state of states) {
      if (!changed.has(state.name) || state.paused_by !== "credentials") continue;
      await deps.store.resumeTarget(state.name);
      deps.breaker.reset(state.name);
      await deps.store.recordAudit({
        at: now,
        actor: "config reload",
        action: "resume",
        subject: `target:${state.name}`,
        details: { cause: "credentials" },
      });
      log.info(
        { target: state.name, code: "credentials_changed" },
        "target resumed: its credentials changed",
      );
    }
    if (changed.size > 0) {
      await deps.store.notifyChanged();
      deps.wake();
    }
  };

  return {
    evaluate: () => evaluator.evaluate(),
    async reloaded(problems, before) {
      evaluator.reportReload(problems);
      if (before) {
        current = channels();
        clearInterval(timer);
        timer = setInterval(() => void evaluator.evaluate(), settings().evaluate_every);
        timer.unref();
        await resumeChanged(before).catch((error: unknown) =>
          log.error({ err: error }, "could not resume targets whose credentials changed"),
        );
      }
      await evaluator.evaluate();
    },
    async stop() {
      clearInterval(timer);
      await evaluator.idle();
    },
  };
}
