import {
  createFakeServer,
  extendFakeServer,
  type FakeResponse,
  type FakeServer,
} from "./fake-server.ts";
import { isPlainObject } from "./is-plain-object.ts";
import type { RecordedCall } from "./read-call.ts";
import {
  summarizeErrors,
  validateScheduleJob,
  type ValidationErrors,
} from "./validate-schedule-job.ts";

/** A custom endpoint: gets `script_request_params`, its return value is the JSON answer. */
export type MetabotEndpoint = (params: Record<string, unknown>, call: RecordedCall) => unknown;

export interface FakeMetabotOptions {
  botId: number;
  token: string;
  /** Header carrying the token (default "authorization"). */
  authHeader?: string;
  /** Scheme before the token (default "Bearer"; "" means the bare token). */
  authScheme?: string;
  /** Custom endpoints by alias; an alias may contain "/". */
  endpoints?: Record<string, MetabotEndpoint>;
}

/** One accepted `jobs/schedule` call. */
export interface ScheduledJob {
  jobId: number;
  /** The body as sent. */
  params: Record<string, unknown>;
  at: number;
}

export interface FakeMetabot extends FakeServer {
  readonly jobs: ScheduledJob[];
  /** Adds or replaces a custom endpoint while the fake runs. */
  setEndpoint(alias: string, endpoint: MetabotEndpoint): void;
}

const BOT_PATH = /^\/api\/v1\/bots\/([^/]+)\/(?:(jobs\/schedule)|call\/(.+))$/;

/** Metabot's Bot API (`/api/v1`) as reference/metabot-api.md describes it, Laravel-style errors. */
export function createFakeMetabot(options: FakeMetabotOptions): FakeMetabot {
  const authHeader = (options.authHeader ?? "authorization").toLowerCase();
  const authScheme = options.authScheme ?? "Bearer";
  const endpoints = new Map(Object.entries(options.endpoints ?? {}));
  const jobs: ScheduledJob[] = [];

  function isAuthorized(value: string | undefined): boolean {
    if (value === undefined) return false;
    if (authScheme === "") return value.trim() === options.token;
    const [scheme, token, ...rest] = value.trim().split(/\s+/);
    return (
      rest.length === 0 &&
      scheme?.toLowerCase() === authScheme.toLowerCase() &&
      token === options.token
    );
  }

  function scheduleJob(call: RecordedCall): FakeResponse {
    const errors = validateScheduleJob(call.bodyKind === "json" ? call.body : undefined);
    if (Object.keys(errors).length > 0) return answerInvalid(errors);
    const job = {
      jobId: jobs.length + 1,
      params: call.body as Record<string, unknown>,
      at: call.at,
    };
    jobs.push(job);
    return { status: 200, body: { success: true, job_id: job.jobId } };
  }

  async function callEndpoint(call: RecordedCall, alias: string): Promise<FakeResponse> {
    const endpoint = endpoints.get(alias);
    if (endpoint === undefined) return { status: 404, body: { message: "Endpoint not found" } };
    const body = call.bodyKind === "json" ? call.body : undefined;
    const keys = isPlainObject(body) ? Object.keys(body) : [];
    const params = isPlainObject(body) ? body.script_request_params : undefined;
    if (!isPlainObject(params) || keys.length !== 1) {
      return answerInvalid({
        script_request_params: [
          'The body must be {"script_request_params": {...}} and nothing else.',
        ],
      });
    }
    try {
      return { status: 200, body: (await endpoint(params, call)) ?? null };
    } catch {
      return { status: 500, body: { message: "Server Error" } };
    }
  }

  async function handle(call: RecordedCall): Promise<FakeResponse> {
    const match = BOT_PATH.exec(call.path);
    if (match === null) return { status: 404, body: { message: "Not Found" } };
    if (call.method !== "POST") {
      return {
        status: 405,
        headers: { allow: "POST" },
        body: {
          message: `The ${call.method} method is not supported for route. Supported methods: POST.`,
        },
      };
    }
    if (!isAuthorized(call.headers[authHeader])) {
      return { status: 401, body: { message: "Unauthenticated." } };
    }
    const [, botId, schedule, alias] = match;
    if (botId !== String(options.botId)) return { status: 404, body: { message: "Bot not found" } };
    if (schedule !== undefined) return scheduleJob(call);
    return callEndpoint(call, decodeURIComponent(alias ?? ""));
  }

  return extendFakeServer(createFakeServer({ handle }), {
    jobs,
    setEndpoint(alias: string, endpoint: MetabotEndpoint) {
      endpoints.set(alias, endpoint);
    },
  });
}

function answerInvalid(errors: ValidationErrors): FakeResponse {
  return { status: 422, body: { message: summarizeErrors(errors), errors } };
}
