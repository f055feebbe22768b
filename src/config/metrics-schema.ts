import { z } from "zod";

export const metricsSchema = z
  .strictObject({
    token: z
      .string()
      .optional()
      .meta({
        description:
          "A bearer token that may read GET /metrics and nothing else (Prometheus: `authorization: { credentials: ... }`); at least 16 characters. Empty means none. An admin token reads /metrics too.",
        examples: ["${BOTBRIDGE_METRICS_TOKEN:-}"],
      }),
  })
  .superRefine((metrics, context) => {
    if (metrics.token !== undefined && metrics.token !== "" && metrics.token.length < 16)
      context.addIssue({
        code: "custom",
        path: ["token"],
        message: "a metrics token must be at least 16 characters (openssl rand -hex 32 makes one)",
      });
  })
  .meta({
    description:
      "The Prometheus endpoint GET /metrics (docs/metrics.md); it answers only a request with a token.",
  });

export type MetricsSettings = z.output<typeof metricsSchema>;
