import type { Action } from "./define-action.ts";
import { httpRequest } from "./http/http-request.ts";

/** Every action botbridge knows, in the order docs/actions.md lists them. */
export function createActions(): Action[] {
  return [httpRequest];
}
