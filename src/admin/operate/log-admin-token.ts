import type { Logger } from "pino";
import type { ResolvedTokens } from "./resolve-admin-tokens.ts";

/** Where the operator API's token is, and (the first time) how to use it; never the token itself. */
export function logAdminToken(log: Logger, admin: ResolvedTokens, port: number): void {
  if (!admin.generated) {
    log.info({ tokens: admin.tokens.map((t) => t.name) }, "operator API at /api/v1 (admin.token)");
    return;
  }
  const { file, created } = admin.generated;
  const use = `curl -H "Authorization: Bearer $(cat ${file})" http://127.0.0.1:${port}/api/v1/events`;
  log.info(
    { token_file: file },
    created
      ? `no admin.token configured: generated one into ${file} (mode 0600); use it as: ${use}`
      : `operator API at /api/v1 with the token in ${file}: ${use}`,
  );
}
