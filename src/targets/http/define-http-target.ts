import { defineTarget } from "../define-target.ts";
import { httpTargetSchema } from "./http-target-schema.ts";

/** Any HTTP API: its base_url, and its headers on every call. */
export const httpTarget = defineTarget({
  title: "HTTP",
  schema: httpTargetSchema,
  endpoint: (target) => ({
    baseUrl: target.base_url,
    headers: { "user-agent": "botbridge", ...target.headers },
  }),
});
