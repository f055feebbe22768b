import type { BothelpContext } from "./bothelp-context.ts";
import { ActionError } from "../action-error.ts";
import { CredentialsRefusedError } from "../credentials-refused-error.ts";
import { TargetHttpError } from "../target-http-error.ts";

interface CachedToken {
  value: string;
  /** When to stop using it: expiry minus the target's refresh margin. */
  renewAt: number;
}

const TOKEN = "bothelp.token";
const PENDING = "bothelp.token.pending";

/**
 * The target's OAuth2 access token (client credentials). Cached in the target's shared state
 * until `token_refresh_margin` before it expires; however many actions ask at once, one request
 * fetches it. `stale` is a token the API just refused with 401: it is dropped and a new one is
 * fetched (unless another action already did). Never logged: exchanges mask the body.
 */
export async function bothelpToken(context: BothelpContext, stale?: string): Promise<string> {
  const cached = context.shared.get(TOKEN) as CachedToken | undefined;
  if (cached && cached.value !== stale && context.now() < cached.renewAt) return cached.value;
  if (cached && cached.value === stale) context.shared.delete(TOKEN);
  let pending = context.shared.get(PENDING) as Promise<string> | undefined;
  if (!pending) {
    pending = fetchToken(context).finally(() => context.shared.delete(PENDING));
    context.shared.set(PENDING, pending);
  }
  return pending;
}

async function fetchToken(context: BothelpContext): Promise<string> {
  const { target } = context;
  const response = await context.http({
    method: "POST",
    url: target.token_url,
    path: "",
    form: {
      grant_type: "client_credentials",
      client_id: target.client_id ?? "",
      client_secret: target.client_secret ?? "",
    },
    accept: () => true,
  });
  const { status } = response;
  if (status === 400 || status === 401 || status === 403) {
    throw new CredentialsRefusedError(
      "bothelp_auth_failed",
      `BotHelp refused the client credentials of target "${context.targetName}" (token endpoint answered HTTP ${status}${describeOAuthError(response.body, target.client_secret)}); check client_id and client_secret (BotHelp settings -> Integrations) and that the API app is active`,
      status,
    );
  }
  if (status < 200 || status >= 300)
    throw new TargetHttpError(status, response.headers, "", "BotHelp token endpoint");
  const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof body?.access_token !== "string" || body.access_token === "") {
    throw new ActionError(
      "bothelp_auth_failed",
      "BotHelp token endpoint answered without an access_token",
      { kind: "retry" },
    );
  }
  const seconds = Number(body.expires_in);
  const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000;
  const margin = Math.min(target.token_refresh_margin, lifetime / 2);
  context.shared.set(TOKEN, {
    value: body.access_token,
    renewAt: context.now() + lifetime - margin,
  } satisfies CachedToken);
  return body.access_token;
}

/** `: invalid_client: Client authentication failed`, never echoing the secret itself. */
function describeOAuthError(body: unknown, secret: string | undefined): string {
  if (body === null || typeof body !== "object") return "";
  const { error, error_description } = body as Record<string, unknown>;
  const parts = [error, error_description].filter((p) => typeof p === "string");
  const text = parts.length > 0 ? `: ${parts.join(": ")}` : "";
  return secret ? text.split(secret).join("***") : text;
}
