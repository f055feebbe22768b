import { randomBytes } from "node:crypto";
import type { FakeResponse } from "./fake-server.ts";
import type { RecordedCall } from "./read-call.ts";

export interface TokenIssuerOptions {
  clientId: string;
  clientSecret: string;
  /** Lifetime of issued tokens in seconds. */
  expiresIn: number;
  /** Clock in milliseconds (Date.now by default in the fake). */
  now: () => number;
}

/** The OAuth2 client-credentials endpoint of the BotHelp fake and the tokens it issued. */
export interface TokenIssuer {
  /** Answers one `POST /oauth2/token` call. */
  issueToken(call: RecordedCall): FakeResponse;
  /** Whether an Authorization header carries a token that was issued and has not expired. */
  isAuthorized(authorization: string | undefined): boolean;
  /** Invalidates every issued token. */
  expireTokens(): void;
}

export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const expiresAtByToken = new Map<string, number>();
  return {
    issueToken(call) {
      if (call.method !== "POST") {
        return { status: 405, headers: { allow: "POST" }, body: { error: "invalid_request" } };
      }
      if (call.bodyKind !== "form") {
        return rejectTokenRequest(
          "invalid_request",
          "Expected a form body (x-www-form-urlencoded or multipart/form-data)",
        );
      }
      const form = call.body as Record<string, string>;
      if (form.grant_type !== "client_credentials") {
        return rejectTokenRequest("invalid_client", "grant_type must be client_credentials");
      }
      if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) {
        return rejectTokenRequest("invalid_client", "Client authentication failed");
      }
      const token = randomBytes(30).toString("base64url");
      expiresAtByToken.set(token, options.now() + options.expiresIn * 1000);
      return {
        status: 200,
        headers: { "cache-control": "no-store" },
        body: { access_token: token, token_type: "Bearer", expires_in: options.expiresIn },
      };
    },
    isAuthorized(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
      const expiresAt = match?.[1] === undefined ? undefined : expiresAtByToken.get(match[1]);
      return expiresAt !== undefined && options.now() < expiresAt;
    },
    expireTokens() {
      expiresAtByToken.clear();
    },
  };
}

function rejectTokenRequest(error: string, description: string): FakeResponse {
  return { status: 400, body: { error, error_description: description } };
}
