import type { z } from "zod";
import { CliFailure, EXIT } from "./cli-failure.ts";
import type { Connection } from "./resolve-connection.ts";

/** An answer of the operator API: parsed by the API's own response schema, and its text as sent. */
export interface ApiAnswer<T> {
  status: number;
  data: T;
  /** The body exactly as the server sent it (what --json prints). */
  text: string;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<ApiAnswer<T>>;
  post<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<ApiAnswer<T>>;
}

const TIMEOUT_MS = 30_000;

/**
 * Calls /api/v1 of a server with its bearer token. Whatever goes wrong becomes a CliFailure with
 * a meaningful exit code: no answer 3, 401 4, a refused argument (400) 2, any other error 1,
 * with the server's error code and message.
 */
export function createApiClient(connection: Connection, fetcher: typeof fetch): ApiClient {
  const call = async <T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    init: { query?: Query | undefined; body?: unknown },
  ): Promise<ApiAnswer<T>> => {
    const url = new URL(`${connection.url}/api/v1${path}`);
    for (const [key, value] of Object.entries(init.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    let text: string;
    try {
      response = await fetcher(url, {
        method,
        headers: {
          authorization: `Bearer ${connection.token}`,
          accept: "application/json",
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new CliFailure(
        EXIT.unreachable,
        "unreachable",
        `cannot reach ${connection.url}: ${reasonOf(error)}`,
      );
    }
    const json = parseJson(text);
    if (!response.ok) throw failureOf(response.status, json, text);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new CliFailure(
        EXIT.failed,
        "unexpected_response",
        `${method} ${url.pathname} answered ${response.status} with a body this botbridge does not understand (a different version?)`,
      );
    return { status: response.status, data: parsed.data, text };
  };
  return {
    get: (path, schema, query) => call("GET", path, schema, { query }),
    post: (path, schema, body) => call("POST", path, schema, { body: body ?? {} }),
  };
}

function failureOf(status: number, json: unknown, text: string): CliFailure {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `http_${status}`;
  const message =
    typeof error?.message === "string" ? error.message : text.slice(0, 200) || `HTTP ${status}`;
  const exitCode = status === 401 ? EXIT.unauthorized : status === 400 ? EXIT.usage : EXIT.failed;
  return new CliFailure(exitCode, code, message);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer in ${TIMEOUT_MS / 1000} s`;
  const cause =
    error instanceof Error
      ? (error.cause as { code?: unknown; message?: unknown } | undefined)
      : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
