import { z } from "zod";
import type { CheckInput, CheckResult, Completed } from "./check-result.ts";
import { safeEqual } from "./safe-equal.ts";
import { secretList, secretListSchema } from "./secret-list-schema.ts";

export const tokenSettingsSchema = z
  .strictObject({
    secret: secretListSchema.optional(),
    in: z
      .enum(["query", "header", "body"])
      .optional()
      .meta({ description: "Where the sender puts the token: query (default), header or body." }),
    name: z.string().min(1).optional().meta({
      description:
        "The query parameter or header name (default token), or the body field path, e.g. auth.application_token or auth[application_token].",
    }),
  })
  .meta({ description: "A shared secret sent with every request." });

export interface TokenSettings {
  secret: string[];
  in: "query" | "header" | "body";
  name: string;
}

/** Where the token is, as words for the log. */
function place(settings: TokenSettings): string {
  return settings.in === "query"
    ? `query parameter ${settings.name}`
    : settings.in === "header"
      ? `header ${settings.name}`
      : `body field ${settings.name}`;
}

/** The shared-secret check: the token in the query, a header or a body field equals one of the secrets. */
export function verifyToken(settings: TokenSettings, input: CheckInput): CheckResult {
  const where = place(settings);
  const given = readToken(settings, input);
  if (given === undefined)
    return { scheme: "token", ok: false, reason: `token missing: no ${where}` };
  if (typeof given !== "string")
    return { scheme: "token", ok: false, reason: `token malformed: ${where} is not text` };
  const ok = settings.secret.map((s) => safeEqual(given, s)).includes(true);
  return ok
    ? { scheme: "token", ok: true, reason: `token matches (${where})` }
    : { scheme: "token", ok: false, reason: `token mismatch: ${where} has a wrong value` };
}

function readToken(settings: TokenSettings, input: CheckInput): unknown {
  if (settings.in === "header") return input.headers[settings.name.toLowerCase()];
  if (settings.in === "query") return input.query[settings.name];
  let value: unknown = input.body;
  for (const key of bodyPath(settings.name)) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** `auth[application_token]` and `auth.application_token` both name body.auth.application_token. */
export function bodyPath(name: string): string[] {
  return name.split(/[.[\]]+/).filter((part) => part !== "");
}

/** A copy of query, body and headers without the token, for storage: it is a credential. */
export function removeToken<
  T extends { query: Record<string, unknown>; body: unknown; headers: Record<string, string> },
>(settings: TokenSettings, event: T): T {
  if (settings.in === "query") {
    const { [settings.name]: _token, ...query } = event.query;
    return { ...event, query };
  }
  if (settings.in === "header") {
    const { [settings.name.toLowerCase()]: _token, ...headers } = event.headers;
    return { ...event, headers };
  }
  return { ...event, body: withoutPath(event.body, bodyPath(settings.name)) };
}

function withoutPath(value: unknown, path: string[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined || value === null || typeof value !== "object" || Array.isArray(value))
    return value;
  const record = value as Record<string, unknown>;
  if (!Object.hasOwn(record, key)) return value;
  const { [key]: inner, ...others } = record;
  return rest.length === 0 ? others : { ...others, [key]: withoutPath(inner, rest) };
}

/** Settings as written, completed with the defaults: in query, name token. */
export function completeToken(
  value: z.output<typeof tokenSettingsSchema>,
): Completed<TokenSettings> {
  if (value.secret === undefined) return { ok: false, missing: "secret" };
  return {
    ok: true,
    settings: {
      secret: secretList(value.secret),
      in: value.in ?? "query",
      name: value.name ?? "token",
    },
  };
}
