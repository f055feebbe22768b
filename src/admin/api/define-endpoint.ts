import type { z } from "zod";
import type { Operate } from "../operate/create-operate.ts";

/** One endpoint of /api/v1: the router serves it and the OpenAPI document describes it, from this alone. */
export interface Endpoint<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: "get" | "post";
  /** OpenAPI style, under /api/v1: `/events/{id}`. */
  path: string;
  summary: string;
  description?: string;
  query?: Q;
  body?: B;
  /** Answers by status: what each means and its schema. */
  responses: Record<number, { description: string; schema: z.ZodType }>;
  /** The error statuses it may answer besides 401 (`{"error":{"code","message"}}`). */
  errors: Partial<Record<number, string>>;
  handle(
    operate: Operate,
    input: { params: Record<string, string>; query: z.output<Q>; body: z.output<B>; actor: string },
  ): Promise<{ status: number; body: unknown }>;
}

/** Declares an endpoint with its query and body types inferred from their schemas. */
export function defineEndpoint<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  endpoint: Endpoint<Q, B>,
): Endpoint {
  return endpoint;
}
