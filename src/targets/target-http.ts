import { encodeBody } from "./encode-body.ts";
import { Pool } from "undici";
import type { RateLimits } from "./rate-limits.ts";
import type { Exchange } from "../core/exchange.ts";
import { ActionError } from "./action-error.ts";
import type { CallScope } from "./call-scope.ts";
import { checkHeaders } from "./check-headers.ts";
import { joinUnder } from "./join-under.ts";
import { readLimitedBody } from "./read-limited-body.ts";
import { sendFailure } from "./send-failure.ts";
import { SteadyClient } from "./steady-client.ts";
import type { Masker } from "./mask-secrets.ts";
import { TargetHttpError } from "./target-http-error.ts";
import { CredentialsRefusedError } from "./credentials-refused-error.ts";

export type QueryValue = string | number | boolean | undefined | null;

export interface TargetRequest {
  method: string;
  /** Joined under the target's base URL; it can never change the host. */
  path: string;
  query?: Record<string, QueryValue | QueryValue[]>;
  headers?: Record<string, string>;
  /** A JSON body, sent as application/json unless `contentType` says otherwise. */
  json?: unknown;
  /** A form body, sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  contentType?: string;
  /** Statuses returned as a response instead of thrown as TargetHttpError (default: 2xx). */
  accept?: (status: number) => boolean;
  /** A rate limit of its own for this call (e.g. one BotHelp operation), besides the target's. */
  rateLimit?: { key: string; perSecond: number };
  /** Full URL of another host of the same target (e.g. BotHelp's token endpoint), instead of path. */
  url?: string;
}

export interface TargetResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  text: string;
  /** True when the target is in dry run and nothing was sent. */
  dryRun: boolean;
}

export interface TargetHttpOptions {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  dryRun: boolean;
  masker: Masker;
  rateLimits: RateLimits;
  rateLimit?: number;
  /** The largest answer read, in bytes (delivery.max_response_size). */
  maxResponseSize: number;
  /** Statuses (not accepted by the call) that mean the target refused the credentials. */
  refusedStatuses?: readonly number[] | undefined;
}

export interface TargetHttp {
  send(request: TargetRequest, scope: CallScope): Promise<TargetResponse>;
  close(): Promise<void>;
}

const KEPT_RESPONSE_HEADERS = ["content-type", "retry-after", "location", "x-request-id"];
const MAX_RECORDED_BODY = 4000;

/**
 * Outgoing HTTP for one target: a keep-alive pool per origin, the target's default headers, a
 * time limit per call, rate limits, and every exchange recorded for the attempt with secrets
 * masked. In dry run the request is recorded as it would be sent, nothing leaves the process, and
 * the scope's `answer` (recorded as the response) is what the call answers.
 * Redirects are never followed. Headers that cannot be sent fail the call before any request is
 * made; a request undici still refuses fails as `invalid_request` and leaves the pool's
 * connection in service (SteadyClient), so no payload can wedge the pool.
 */
export function createTargetHttp(options: TargetHttpOptions): TargetHttp {
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 64,
        keepAliveTimeout: 30_000,
        connectTimeout: Math.min(10_000, options.timeoutMs),
        factory: (origin, clientOptions) => new SteadyClient(origin, clientOptions),
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  return {
    async send(request, scope) {
      const url = request.url ? new URL(request.url) : joinUnder(base, request.path);
      appendQuery(url, request.query);
      const { headers, body, recordedBody } = encodeBody(request, options.headers ?? {});
      const exchange: Exchange = {
        method: request.method,
        url: options.masker.text(url.toString()),
        request_headers: options.masker.headers(headers),
        ...(recordedBody !== undefined ? { request_body: options.masker.value(recordedBody) } : {}),
      };
      scope.exchanges.push(exchange);
      try {
        checkHeaders(headers);
      } catch (error) {
        exchange.error = (error as Error).message;
        throw error;
      }
      if (options.dryRun) return answerDryRun(request, scope, exchange, options.masker);

      if (options.rateLimit)
        await options.rateLimits.take(`target:${options.name}`, options.rateLimit, scope.signal);
      if (request.rateLimit)
        await options.rateLimits.take(
          request.rateLimit.key,
          request.rateLimit.perSecond,
          scope.signal,
        );
      const started = performance.now();
      const signal = AbortSignal.any([scope.signal, AbortSignal.timeout(options.timeoutMs)]);
      let status: number;
      let responseHeaders: Record<string, string>;
      let text: string;
      try {
        const response = await poolFor(url.origin).request({
          path: `${url.pathname}${url.search}`,
          method: request.method.toUpperCase(),
          headers,
          body: body ?? null,
          signal,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        status = exchange.status = response.statusCode;
        responseHeaders = flatten(response.headers);
        text = await readLimitedBody(
          response.body,
          responseHeaders["content-length"],
          options.maxResponseSize,
        );
      } catch (error) {
        const failure =
          error instanceof ActionError
            ? error
            : sendFailure(error, options.timeoutMs, scope.signal);
        exchange.error = failure.message;
        exchange.duration_ms = Math.round(performance.now() - started);
        throw failure;
      }
      exchange.duration_ms = Math.round(performance.now() - started);
      exchange.response_headers = Object.fromEntries(
        KEPT_RESPONSE_HEADERS.flatMap((h) => (responseHeaders[h] ? [[h, responseHeaders[h]]] : [])),
      );
      exchange.response_body = options.masker.body(text).slice(0, MAX_RECORDED_BODY);
      const accept = request.accept ?? ((s: number) => s >= 200 && s < 300);
      if (!accept(status) && options.refusedStatuses?.includes(status)) {
        const said = options.masker.body(text).slice(0, MAX_RECORDED_BODY);
        throw new CredentialsRefusedError(
          "credentials_refused",
          `${options.name} refused the credentials (HTTP ${status}${said ? `: ${said.slice(0, 300)}` : ""})`,
          status,
          said,
        );
      }
      if (!accept(status))
        throw new TargetHttpError(
          status,
          responseHeaders,
          options.masker.body(text).slice(0, MAX_RECORDED_BODY),
          options.name,
        );
      return {
        status,
        headers: responseHeaders,
        body: parseAnswer(text, responseHeaders["content-type"]),
        text,
        dryRun: false,
      };
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
    },
  };
}

/** A dry-run call: answered by the scope's answer (recorded like a response), nothing sent. */
async function answerDryRun(
  request: TargetRequest,
  scope: CallScope,
  exchange: Exchange,
  masker: Masker,
): Promise<TargetResponse> {
  const body = ((await scope.answer?.(request)) ?? null) as unknown;
  const text = body === null ? "" : JSON.stringify(body);
  if (text === "") return { status: 200, headers: {}, body, text, dryRun: true };
  exchange.status = 200;
  exchange.response_body = masker.body(text).slice(0, MAX_RECORDED_BODY);
  const headers = { "content-type": "application/json" };
  return { status: 200, headers, body, text, dryRun: true };
}

function appendQuery(url: URL, query: TargetRequest["query"]): void {
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) url.searchParams.append(key, String(item));
    }
  }
}

function parseAnswer(text: string, contentType: string | undefined): unknown {
  if (text === "") return null;
  if (contentType?.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
