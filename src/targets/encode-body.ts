import type { TargetRequest } from "./target-http.ts";

/** A request's headers (lower-cased over the target's defaults) and its body as sent and as recorded. */
export function encodeBody(
  request: TargetRequest,
  defaults: Record<string, string>,
): { headers: Record<string, string>; body?: string; recordedBody?: unknown } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...defaults, ...request.headers }))
    headers[k.toLowerCase()] = v;
  if (request.json !== undefined) {
    headers["content-type"] ??= request.contentType ?? "application/json";
    return { headers, body: JSON.stringify(request.json), recordedBody: request.json };
  }
  if (request.form !== undefined) {
    headers["content-type"] ??= "application/x-www-form-urlencoded";
    return {
      headers,
      body: new URLSearchParams(request.form).toString(),
      recordedBody: request.form,
    };
  }
  return { headers };
}
