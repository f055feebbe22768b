import { z } from "zod";

/** Every BotHelp API operation botbridge calls, by the name the target config overrides it under. */
export const BOTHELP_OPERATIONS = [
  "find_subscribers",
  "update_subscriber",
  "add_tags",
  "remove_tags",
  "set_custom_fields",
  "send_message",
  "start_flow",
  "stop_flow",
  "add_to_sequence",
  "remove_from_sequence",
  "list_flows",
  "list_steps",
  "list_sequences",
] as const;

export type BothelpOperationName = (typeof BOTHELP_OPERATIONS)[number];

export const bothelpOperationSchema = z
  .strictObject({
    method: z
      .enum(["GET", "POST", "PUT", "PATCH", "DELETE"])
      .optional()
      .meta({ description: "HTTP method.", examples: ["POST"] }),
    path: z
      .string()
      .startsWith("/")
      .optional()
      .meta({
        description:
          "Path under api_url; {subscriber} becomes `<id>` or `cuid/<cuid>`, {flow} a flow referral.",
        examples: ["/v1/subscribers/{subscriber}/messages"],
      }),
    content_type: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Content-Type of the body.", examples: ["application/json"] }),
    rate_limit: z
      .number()
      .positive()
      .optional()
      .meta({
        description: "Requests per second for this operation, shared by all deliveries.",
        examples: [5],
      }),
    body_style: z
      .enum(["array", "data"])
      .optional()
      .meta({
        description:
          'send_message: `[{"content": text}]` (array) or `{"data": {"content": [text]}}`.',
        examples: ["data"],
      }),
    referral_in: z
      .enum(["body", "query", "both"])
      .optional()
      .meta({
        description: "stop_flow, remove_from_sequence: where the referral goes on DELETE.",
        examples: ["query"],
      }),
    ops_per_request: z
      .int()
      .positive()
      .optional()
      .meta({
        description: "update_subscriber: JSON Patch operations sent per request.",
        examples: [10],
      }),
  })
  .meta({ description: "Overrides of one operation's defaults (see the BotHelp API reference)." });

export type BothelpOperationOverride = z.output<typeof bothelpOperationSchema>;

/** One operation with every default filled in. */
export interface BothelpOperation {
  name: BothelpOperationName;
  method: string;
  path: string;
  contentType: string;
  /** Requests per second by subscriber id (and for calls without a subscriber). */
  rateLimit: number;
  /** Requests per second by cuid, where the API allows more. */
  rateLimitByCuid: number;
  bodyStyle: "array" | "data";
  referralIn: "body" | "query" | "both";
  opsPerRequest: number;
}

const JSON_TYPE = "application/json";
type Defaults = Pick<BothelpOperation, "method" | "path" | "rateLimit"> & Partial<BothelpOperation>;

/** The reference's paths (trailing slashes matter) and per-method rate limits. */
const DEFAULTS: Record<BothelpOperationName, Defaults> = {
  find_subscribers: { method: "GET", path: "/v1/subscribers/", rateLimit: 10 },
  update_subscriber: { method: "PATCH", path: "/v1/subscribers/{subscriber}", rateLimit: 10 },
  add_tags: { method: "PATCH", path: "/v1/subscribers/{subscriber}", rateLimit: 10 },
  remove_tags: { method: "PATCH", path: "/v1/subscribers/{subscriber}", rateLimit: 10 },
  set_custom_fields: {
    method: "PATCH",
    path: "/v1/subscribers/{subscriber}/customFields",
    rateLimit: 10,
  },
  send_message: {
    method: "POST",
    path: "/v1/subscribers/{subscriber}/messages",
    rateLimit: 10,
    rateLimitByCuid: 25,
    contentType: "application/vnd.api+json",
  },
  start_flow: { method: "POST", path: "/v1/subscribers/{subscriber}/bot", rateLimit: 25 },
  stop_flow: { method: "DELETE", path: "/v1/subscribers/{subscriber}/bot", rateLimit: 25 },
  add_to_sequence: { method: "POST", path: "/v1/subscribers/{subscriber}/funnel", rateLimit: 25 },
  remove_from_sequence: {
    method: "DELETE",
    path: "/v1/subscribers/{subscriber}/funnel",
    rateLimit: 25,
  },
  list_flows: { method: "GET", path: "/v1/bots/", rateLimit: 10 },
  list_steps: { method: "GET", path: "/v1/bots/{flow}/steps", rateLimit: 10 },
  list_sequences: { method: "GET", path: "/v1/funnels/", rateLimit: 10 },
};

/** An operation's settings: the reference's defaults under the target's overrides. */
export function bothelpOperation(
  name: BothelpOperationName,
  overrides: Partial<Record<BothelpOperationName, BothelpOperationOverride>> | undefined,
): BothelpOperation {
  const base = DEFAULTS[name];
  const own = overrides?.[name] ?? {};
  return {
    name,
    method: own.method ?? base.method,
    path: own.path ?? base.path,
    contentType: own.content_type ?? base.contentType ?? JSON_TYPE,
    rateLimit: own.rate_limit ?? base.rateLimit,
    rateLimitByCuid: own.rate_limit ?? base.rateLimitByCuid ?? base.rateLimit,
    bodyStyle: own.body_style ?? "array",
    referralIn: own.referral_in ?? "body",
    opsPerRequest: own.ops_per_request ?? 1,
  };
}
