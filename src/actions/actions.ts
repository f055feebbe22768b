import type { Action } from "./define-action.ts";
import { httpRequest } from "./http/http-request.ts";
import { callEndpoint } from "./metabot/call-endpoint.ts";
import { scheduleJob } from "./metabot/schedule-job.ts";

/** Every action botbridge knows, in the order docs/actions.md lists them. */
export function createActions(): Action[] {
  return [scheduleJob, callEndpoint, httpRequest];
}
