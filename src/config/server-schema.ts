import { z } from "zod";
import { byteSizeSchema } from "./byte-size-schema.ts";
import { durationSchema } from "./duration-schema.ts";

export const serverSchema = z
  .strictObject({
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8080)
      .meta({ description: "Port to listen on; PORT overrides it." }),
    host: z.string().default("0.0.0.0").meta({ description: "Address to listen on." }),
    body_limit: byteSizeSchema
      .default(1024 * 1024)
      .meta({ description: "Largest request body accepted; larger gets 413 body_too_large." }),
    trust_proxy: z
      .union([z.boolean(), z.number().int().nonnegative(), z.string(), z.array(z.string())])
      .default(false)
      .meta({
        description:
          "Whether X-Forwarded-For names the client (for ip_allow and logs): false, true, a hop count, or trusted proxy addresses/CIDRs (Express's trust proxy).",
      }),
    shutdown_timeout: durationSchema
      .default(30_000)
      .meta({ description: "How long in-flight actions may run after SIGTERM." }),
    log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  })
  .meta({ description: "The HTTP server." });

export type ServerSettings = z.output<typeof serverSchema>;
