import { z } from "zod";
import { defineAction } from "../define-action.ts";

const queryValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const httpRequest = defineAction({
  type: "http.request",
  target: "http",
  summary: "Call any HTTP API under the target's base_url, e.g. fetch a CRM contact.",
  description:
    "The path is joined under the target's base_url and can never change its host: no address from a payload ever becomes a request host. Any 2xx (and any status listed in accept_status) is the step's output; other answers follow the usual rules (5xx, 408 and 429 are retried, other 4xx fail).",
  output: "`{ status, headers, body }`, body parsed when the answer is JSON.",
  params: z.strictObject({
    method: z
      .enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])
      .default("GET")
      .meta({ description: "HTTP method." }),
    path: z.string().default("/").meta({
      description:
        "Path under the target's base_url, e.g. /leads/{{ body.leads.status[0].id }}. Each {{ }} in it renders as one path segment, percent-encoded (a /, ?, # or % in the value stays in that segment); a value that renders empty, . or .. fails the delivery with invalid_path.",
    }),
    query: z
      .record(z.string(), z.union([queryValue, z.array(queryValue)]))
      .optional()
      .meta({ description: "Query parameters." }),
    headers: z.record(z.string(), z.string()).optional().meta({
      description:
        "Headers, added to the target's own. A value holding CR, LF, NUL or a character outside Latin-1 fails the delivery with invalid_params before anything is sent.",
    }),
    body: z.unknown().optional().meta({
      description: "The body: any JSON value, or an object of fields with body_format: form.",
    }),
    body_format: z
      .enum(["json", "form"])
      .default("json")
      .meta({ description: "How the body is sent." }),
    accept_status: z.array(z.number().int().min(100).max(599)).default([]).meta({
      description:
        "Statuses besides 2xx that count as an answer (e.g. [404] to go on and test steps.<id>.status).",
    }),
  }),
  pathParams: ["path"],
  examples: [
    {
      title: "Fetch an amoCRM lead with its contacts",
      params: {
        method: "GET",
        path: "/leads/{{ body.leads.status[0].id }}",
        query: { with: "contacts" },
      },
    },
    {
      title: "Post a JSON body",
      params: {
        method: "POST",
        path: "/contacts",
        body: { name: "{{ body.Name }}", phone: "{{ $phone(body.Phone) }}" },
      },
    },
  ],
  async run(params, context) {
    const form =
      params.body_format === "form" && params.body !== null && typeof params.body === "object";
    const response = await context.http({
      method: params.method,
      path: params.path,
      ...(params.query ? { query: params.query } : {}),
      ...(params.headers ? { headers: params.headers } : {}),
      ...(params.body === undefined
        ? {}
        : form
          ? {
              form: Object.fromEntries(
                Object.entries(params.body as Record<string, unknown>).map(([k, v]) => [
                  k,
                  typeof v === "string" ? v : JSON.stringify(v),
                ]),
              ),
            }
          : { json: params.body }),
      accept: (status) => (status >= 200 && status < 300) || params.accept_status.includes(status),
    });
    return { status: response.status, headers: response.headers, body: response.body };
  },
});
