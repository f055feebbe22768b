import type { RateLimits } from "./rate-limits.ts";
import type { Masker } from "./mask-secrets.ts";
import { createTargetHttp, type TargetHttp } from "./target-http.ts";
import type { TargetConfig } from "./target-schema.ts";
import { targetKindOf } from "./targets.ts";

/** A configured target, ready to be called: its settings, its HTTP client and its shared state. */
export interface TargetRuntime {
  name: string;
  config: TargetConfig;
  http: TargetHttp;
  shared: Map<string, unknown>;
}

export interface TargetRuntimes {
  get(name: string): TargetRuntime | undefined;
  close(): Promise<void>;
}

/** One runtime per configured target; the process builds them once per loaded config. */
export function createTargetRuntimes(
  targets: Record<string, TargetConfig>,
  deps: {
    masker: Masker;
    rateLimits: RateLimits;
    defaultTimeoutMs: number;
    maxResponseSize: number;
    /** Every target in dry run, whatever its settings say (previews: nothing may be sent). */
    dryRun?: boolean;
  },
): TargetRuntimes {
  const runtimes = new Map<string, TargetRuntime>();
  for (const [name, configured] of Object.entries(targets)) {
    const config = deps.dryRun ? { ...configured, dry_run: true } : configured;
    const kind = targetKindOf(config.type);
    const { baseUrl, headers } = kind.endpoint(config);
    const http = createTargetHttp({
      name,
      baseUrl,
      headers,
      timeoutMs: config.timeout ?? deps.defaultTimeoutMs,
      dryRun: config.dry_run,
      masker: deps.masker,
      rateLimits: deps.rateLimits,
      maxResponseSize: deps.maxResponseSize,
      refusedStatuses: kind.credentials?.refusedStatuses,
      ...(config.rate_limit !== undefined ? { rateLimit: config.rate_limit } : {}),
    });
    runtimes.set(name, { name, config, http, shared: new Map() });
  }
  return {
    get: (name) => runtimes.get(name),
    close: async () => {
      await Promise.all([...runtimes.values()].map((r) => r.http.close()));
    },
  };
}
