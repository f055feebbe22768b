import { z } from "zod";
import { byteSizeSchema } from "../core/byte-size-schema.ts";
import { durationSchema } from "../core/duration-schema.ts";

export const serverSchema = z
  .strictObject({
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8080)
      .meta({ description: "Port to listen on; PORT overrides it.", examples: [3000] }),
    host: z
      .string()
      .default("0.0.0.0")
      .meta({ description: "Address to listen on.", examples: ["127.0.0.1"] }),
    body_limit: byteSizeSchema.prefault("1mb").meta({
      description: "Largest request body accepted; larger gets 413 body_too_large.",
      examples: ["5mb"],
    }),
    depth_limit: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(64)
      .meta({
        description:
          "Deepest nesting of objects and arrays accepted in a request's body or query (JSON, urlencoded and multipart bracket names, json_fields); deeper gets 400 body_too_deep and nothing is stored. At most 256, so redaction, templates and explain stay far from the stack limit.",
        examples: [128],
      }),
    trust_proxy: z
      .union([z.boolean(), z.number().int().nonnegative(), z.string(), z.array(z.string())])
      .default(false)
      .meta({
        description:
          "Whether X-Forwarded-For names the client (for ip_allow and logs): false, true, a hop count, or trusted proxy addresses/CIDRs (Express's trust proxy).",
        examples: [1],
      }),
    shutdown_timeout: durationSchema.prefault("30s").meta({
      description:
        "How long in-flight actions may run after SIGTERM or Ctrl-C (a second signal cuts them short; cut-short deliveries run again after the restart).",
      examples: ["1m"],
    }),
    log_level: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace"])
      .default("info")
      .meta({
        description:
          "Least severe log lines written (pino levels); a reload (SIGHUP) applies a change at once. The other server settings take a restart.",
        examples: ["debug"],
      }),
  })
  .meta({ description: "The HTTP server." });

export type ServerSettings = z.output<typeof serverSchema>;
