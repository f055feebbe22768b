import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { pino } from "pino";
import { createActions } from "./actions/actions.ts";
import type { Action } from "./actions/define-action.ts";
import { createMasker, type Masker } from "./targets/mask-secrets.ts";
import { createTargetRuntimes, type TargetRuntimes } from "./targets/target-runtimes.ts";
import type { Config } from "./config/config.ts";
import { checkTargetsAtStart } from "./admin/check-targets-at-start.ts";
import { schedulePurge } from "./admin/schedule-purge.ts";
import { formatProblem, formatWarning, type PlacedProblem } from "./core/problem.ts";
import { loadConfig } from "./config/load-config.ts";
import { applyEnvOverrides } from "./config/apply-env-overrides.ts";
import { createCircuitBreaker } from "./targets/circuit-breaker.ts";
import { createDispatcher } from "./dispatch/dispatcher.ts";
import { createRateLimits } from "./targets/rate-limits.ts";
import { createRouteCache, type RouteCache } from "./dispatch/route-cache.ts";
import type { DeliveryDeps } from "./dispatch/run-delivery.ts";
import { answerClientError } from "./admin/answer-client-error.ts";
import { createApp } from "./admin/create-app.ts";
import { trackRulesFile } from "./admin/console/track-rules-file.ts";
import { createMetrics } from "./admin/metrics/create-metrics.ts";
import { createOperate, type Operate } from "./admin/operate/create-operate.ts";
import { resolveAdminTokens, type ResolvedTokens } from "./admin/operate/resolve-admin-tokens.ts";
import { logAdminToken } from "./admin/operate/log-admin-token.ts";
import { startAlerts, type Alerts } from "./admin/alerts/start-alerts.ts";
import { createLogger } from "./core/create-logger.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";
import { ingestRulesOf } from "./config/slice-config.ts";
import { queryTermsOf } from "./ingest/extract-search-terms.ts";
import { logListening } from "./admin/log-listening.ts";
import { logReload } from "./admin/log-reload.ts";

export interface StartOptions {
  configPath: string;
  env: NodeJS.ProcessEnv;
  /** Where logs go (stdout by default). */
  logDestination?: pino.DestinationStream;
  /** The clock deliveries are scheduled by (tests move it). */
  now?: () => number;
}

export interface Botbridge {
  url: string;
  port: number;
  store: Store;
  /** The operator service the API and the console share. */
  operate: Operate;
  /** Alert issues and channels (tests look at the conditions with evaluate()). */
  alerts: Alerts;
  config: () => Config;
  /** Loads the config file again; with problems, keeps the running config and returns them. */
  reload(): Promise<string[]>;
  /** Wakes the dispatcher (tests that move the clock). */
  wake(): void;
  /** Resolves once nothing is due and nothing is in flight. */
  idle(): Promise<void>;
  /** Stops taking webhooks, lets in-flight actions finish for server.shutdown_timeout, closes. */
  stop(): Promise<void>;
  /** Cuts a stop's wait short: in-flight actions are aborted and their leases handed back now. */
  hurry(): void;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`config has ${problems.length} problem(s):\n${problems.join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** The composition root: config, store, targets, dispatcher and HTTP server, wired and started. */
export async function startBotbridge(options: StartOptions): Promise<Botbridge> {
  const actions = createActions();
  const now = options.now ?? Date.now;
  const first = await loadConfig(options.configPath, { actions, env: options.env });
  if (!first.ok) throw new ConfigError(first.problems.map(formatProblem));
  let config = applyEnvOverrides(first.config, options.env);
  const rulesFile = trackRulesFile(options.configPath, now);
  let masker = createMasker(config.secrets);
  const log = createLogger(config.settings.server.log_level, options.logDestination, (text) =>
    masker.text(text),
  );
  logWarnings(log, first.warnings);

  const store = await openStore(config.settings.storage.url, config.settings.storage, log);
  const rateLimits = createRateLimits();
  const breakerSettings = config.settings.delivery.circuit_breaker;
  const breaker = createCircuitBreaker({
    failures: breakerSettings.failures,
    coolDown: breakerSettings.cool_down,
  });
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let targets: TargetRuntimes = buildTargets(config, rateLimits, masker);
  let routes: RouteCache = createRouteCache(config, actions);
  const byType = new Map<string, Action>(actions.map((a) => [a.type, a]));
  const targetNames = () => Object.keys(config.targets);
  const { registry, telemetry } = createMetrics({ store, now, targets: targetNames });
  const deliveryDeps = (): DeliveryDeps => ({
    store,
    owner,
    delivery: config.settings.delivery,
    templates: config.settings.templates,
    actions: byType,
    targets,
    routes,
    breaker,
    log,
    masker,
    now,
    onHeld: () => void alerts.evaluate(),
    telemetry,
  });

  const dispatcher = createDispatcher({ store, owner, log, deliveryDeps });
  let admin: ResolvedTokens = await resolveAdminTokens(
    config.settings.admin,
    config.settings.storage.url,
  );
  const operate = createOperate({
    store,
    config: () => config,
    actions: byType,
    routes: () => routes,
    masker: () => masker,
    breaker,
    wake: () => dispatcher.wake(),
    queryTerms: (q) => queryTermsOf(q, config.settings.templates.default_country),
    now,
    log,
    telemetry,
  });
  let accepting = true;
  let ingestRules = ingestRulesOf(config);
  const app = createApp({
    server: config.settings.server,
    rules: () => ingestRules,
    store,
    log,
    now,
    onAccepted: () => dispatcher.wake(),
    handoff: dispatcher,
    accepting: () => accepting,
    telemetry,
    metrics: {
      registry,
      token: () => config.settings.metrics.token,
      adminTokens: () => admin.tokens,
    },
    operator: { operate, tokens: () => admin.tokens },
    consoleRules: () => rulesFile.view(config, byType, masker),
  });
  const server: Server = createServer(app);
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError(log));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.settings.server.port, config.settings.server.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const alerts: Alerts = startAlerts({
    store,
    config: () => config,
    masker: () => masker,
    breaker,
    port,
    now,
    log,
    wake: () => dispatcher.wake(),
    onSent: (alert) => telemetry.alertSent(alert),
  });
  dispatcher.start();
  await store.watch(() => dispatcher.changed());
  logAdminToken(log, admin, port);
  checkTargetsAtStart(config, targets, now, log);
  const purge = schedulePurge(store, () => config.settings.storage.retention, now, log);
  logListening(log, config, { port, store: store.kind });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    operate,
    alerts,
    config: () => config,
    wake: () => dispatcher.wake(),
    idle: () => dispatcher.idle(),
    async reload() {
      const next = await loadConfig(options.configPath, { actions, env: options.env });
      if (!next.ok) {
        const problems = next.problems.map(formatProblem);
        rulesFile.refused(problems);
        log.error({ problems }, "config reload refused; the last good config stays in use");
        await alerts.reloaded(problems);
        telemetry.configReloaded({ outcome: "refused" });
        return problems;
      }
      const [old, before] = [targets, config];
      logWarnings(log, next.warnings);
      config = applyEnvOverrides(next.config, options.env);
      log.level = config.settings.server.log_level;
      masker = createMasker(config.secrets);
      rulesFile.loaded();
      targets = buildTargets(config, rateLimits, masker);
      routes = createRouteCache(config, actions);
      ingestRules = ingestRulesOf(config);
      admin = await resolveAdminTokens(config.settings.admin, config.settings.storage.url);
      await old.close();
      logReload(log, before, config);
      telemetry.configReloaded({ outcome: "applied" });
      await alerts.reloaded([], before);
      return [];
    },
    hurry: () => dispatcher.hurry(),
    async stop() {
      accepting = false;
      await alerts.stop();
      clearInterval(purge);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await dispatcher.stop(config.settings.server.shutdown_timeout);
      await closed;
      await operate.settled();
      await targets.close();
      await store.close();
      log.info("botbridge stopped");
    },
  };
}

/** Each config warning as a log line of its own, as `botbridge check` prints it. */
function logWarnings(log: pino.Logger, warnings: readonly PlacedProblem[]): void {
  for (const warning of warnings) log.warn({ code: "config_warning" }, formatWarning(warning));
}

function buildTargets(
  config: Config,
  rateLimits: ReturnType<typeof createRateLimits>,
  masker: Masker,
): TargetRuntimes {
  return createTargetRuntimes(config.targets, {
    masker,
    rateLimits,
    defaultTimeoutMs: config.settings.delivery.timeout,
    maxResponseSize: config.settings.delivery.max_response_size,
  });
}
