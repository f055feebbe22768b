import type { CompiledSource } from "../sources/compile-source.ts";
import type { Problem } from "../core/problem.ts";

/**
 * `server.trust_proxy: true` makes the client address the first X-Forwarded-For entry, which the
 * client writes itself: each source's ip_allow then holds only behind a proxy that overwrites the
 * header. One warning per source with ip_allow, at its list.
 */
export function findTrustProxyWarnings(
  trustProxy: unknown,
  sources: Iterable<CompiledSource>,
): Problem[] {
  if (trustProxy !== true) return [];
  return [...sources]
    .filter((source) => source.verifiers.some((v) => v.scheme === "ip_allow"))
    .map((source) => ({
      path: ["sources", source.name, "verify", "ip_allow"],
      message:
        "server.trust_proxy is true, so the client address is the first X-Forwarded-For entry, which any client can write: ip_allow holds only if a proxy in front overwrites X-Forwarded-For; otherwise set trust_proxy to the proxy's address or hop count",
    }));
}
