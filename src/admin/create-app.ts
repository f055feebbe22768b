import express, { type Request } from "express";
import type { Logger } from "pino";
import type { ServerSettings } from "../config/server-schema.ts";
import type { DeliveryHandoff } from "../store/delivery-handoff.ts";
import type { IngestRules } from "../ingest/ingest-rules.ts";
import { HttpError } from "../core/http-error.ts";
import { noTelemetry, type Telemetry } from "../core/telemetry.ts";
import { receiveHook, type ReceiveDeps, type ReceivedHook } from "../ingest/receive-hook.ts";
import type { Store } from "../store/store.ts";
import { answerError, sendError } from "./answer-error.ts";
import { createOperatorApi } from "./api/create-operator-api.ts";
import type { Operate } from "./operate/create-operate.ts";
import type { AdminToken } from "./operate/resolve-admin-tokens.ts";
import type { ConsoleRules } from "./console/console-deps.ts";
import { deriveSessionSecret } from "./console/console-sessions.ts";
import { createConsole } from "./console/create-console.ts";
import { checkToken } from "./operate/check-token.ts";
import { logRequests } from "./log-requests.ts";
import { observeHookRequest, type HookLocals } from "./metrics/observe-hook-request.ts";
import { serveMetrics, type MetricsEndpoint } from "./metrics/serve-metrics.ts";
import { refuseOversizedBody } from "./refuse-oversized-body.ts";

export interface AppDeps {
  server: ServerSettings;
  /** The current rules (a reload swaps them). */
  rules: () => IngestRules;
  store: Store;
  log: Logger;
  now: () => number;
  onAccepted: () => void;
  /** This instance's dispatcher, taking new deliveries at once when it has room. */
  handoff?: DeliveryHandoff;
  /** False while shutting down: webhooks are refused with 503 so senders retry elsewhere. */
  accepting: () => boolean;
  /** What webhooks and their deliveries are counted by (nothing counted when absent). */
  telemetry?: Telemetry;
  /** GET /metrics (absent: not served). */
  metrics?: MetricsEndpoint;
  /** The operator service (built once in main.ts) and the tokens that open it: /api/v1 (tests of ingest alone leave it out). */
  operator?: { operate: Operate; tokens: () => readonly AdminToken[] };
  /** The rules in use and the routes file as the console's Rules page shows it: with `operator`, the console at /. */
  consoleRules?: () => ConsoleRules;
}

/** The HTTP server: /hooks/:source (each source's methods), /healthz, /readyz, /metrics, the operator API at /api/v1, the console at /; every error as `{"error":{"code","message"}}`. */
export function createApp(deps: AppDeps) {
  const settings = deps.server;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", settings.trust_proxy);
  app.use(logRequests(deps.log));

  const telemetry = deps.telemetry ?? noTelemetry;
  // before the body limit, so a request refused for its size is counted too
  app.use(
    "/hooks/:source",
    observeHookRequest(telemetry, (name) => deps.rules().sources.has(name)),
  );
  app.use(refuseOversizedBody(settings.body_limit));

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.get("/readyz", async (req, res) => {
    try {
      await deps.store.ping();
      res.json({ ok: true, store: deps.store.kind, accepting: deps.accepting() });
    } catch (error) {
      req.log.error({ err: error, code: "store_unavailable" }, "not ready: the store cannot write");
      sendError(
        res,
        new HttpError(
          503,
          "store_unavailable",
          "the store cannot be reached or cannot write; see the server log",
        ),
      );
    }
  });

  if (deps.metrics) app.get("/metrics", serveMetrics(deps.metrics));

  app.all(
    "/hooks/:source",
    express.raw({ type: () => true, limit: settings.body_limit }),
    async (req: Request<{ source: string }>, res) => {
      if (!deps.accepting())
        throw new HttpError(503, "shutting_down", "shutting down; retry later", {
          "retry-after": "5",
        });
      const receive: ReceiveDeps = {
        rules: deps.rules(),
        store: deps.store,
        log: req.log,
        now: deps.now,
        onAccepted: deps.onAccepted,
        telemetry,
        ...(deps.handoff ? { handoff: deps.handoff } : {}),
      };
      const queryAt = req.originalUrl.indexOf("?");
      const answer: ReceivedHook = await receiveHook(
        {
          source: req.params.source,
          method: req.method,
          path: req.path,
          url: `${req.protocol}://${req.host}${req.originalUrl}`,
          query: queryAt === -1 ? "" : req.originalUrl.slice(queryAt + 1),
          headers: req.headers,
          raw: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          remote_address: req.ip ?? req.socket.remoteAddress ?? "",
        },
        receive,
      );
      (res.locals as HookLocals).hook_outcome = answer.outcome;
      res.status(answer.status).set(answer.headers ?? {});
      if (typeof answer.body === "string") res.type("text/plain").send(answer.body);
      else res.json(answer.body);
    },
  );

  if (deps.operator) app.use("/api/v1", createOperatorApi(deps.operator));
  const { operator, consoleRules } = deps;
  if (operator && consoleRules)
    app.use(
      createConsole({
        operate: operator.operate,
        store: deps.store,
        checkToken: (token) => checkToken(operator.tokens(), `Bearer ${token.trim()}`),
        sessionSecret: sessionSecretOf(operator.tokens),
        rules: consoleRules,
        now: deps.now,
      }),
    );

  app.use((req, res) => {
    sendError(
      res,
      new HttpError(
        404,
        "not_found",
        `nothing at ${req.method} ${req.path}; webhooks go to /hooks/<source>`,
      ),
    );
  });
  app.use(answerError);
  return app;
}

/** The console's session key, derived again only when the tokens change (a reload). */
function sessionSecretOf(tokens: () => readonly AdminToken[]): () => Buffer {
  let last: readonly AdminToken[] | undefined;
  let secret: Buffer = Buffer.alloc(0);
  return () => {
    const now = tokens();
    if (now !== last) {
      last = now;
      secret = deriveSessionSecret(now.map((t) => t.token));
    }
    return secret;
  };
}
