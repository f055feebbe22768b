import { createHmac } from "node:crypto";
import { z } from "zod";
import { durationSchema } from "../../core/duration-schema.ts";
import type { CheckInput, CheckResult, Completed } from "./check-result.ts";
import { decodeStrictly, type SignatureEncoding } from "./decode-strictly.ts";
import { HMAC_SCHEMES } from "./hmac-schemes.ts";
import { readSignature } from "./read-signature.ts";
import { safeEqual } from "./safe-equal.ts";
import { secretList, secretListSchema } from "./secret-list-schema.ts";
import { readTimestamp } from "./read-timestamp.ts";

export const hmacSettingsSchema = z
  .strictObject({
    scheme: z
      .enum(Object.keys(HMAC_SCHEMES) as [keyof typeof HMAC_SCHEMES])
      .optional()
      .meta({
        description: "A named signature style (stripe, calendly) that sets the other defaults.",
      }),
    secret: secretListSchema.optional(),
    algorithm: z
      .enum(["sha1", "sha256", "sha512"])
      .optional()
      .meta({ description: "The hash of the HMAC (default sha256)." }),
    encoding: z.enum(["hex", "base64", "base64url"]).optional().meta({
      description:
        "How the signature is written: hex (default, either case), base64 or base64url (padding optional); anything else in it fails the check.",
    }),
    header: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The header carrying the signature." }),
    prefix: z
      .string()
      .optional()
      .meta({ description: "Text before the signature in the header, e.g. sha256=." }),
    header_format: z.enum(["signature", "t_v1"]).optional().meta({
      description:
        "signature: the header is the signature (after the prefix); t_v1: `t=<time>,v1=<sig>[,v1=...]` as Stripe and Calendly send.",
    }),
    signed: z.string().min(1).optional().meta({
      description:
        "What is signed, from {method}, {url}, {body} (the raw bytes) and {timestamp}; default {body} ({timestamp}.{body} with t_v1).",
    }),
    timestamp_header: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "A header with the signing time (seconds or milliseconds)." }),
    timestamp_field: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "A body field with the signing time, e.g. meta.timestamp." }),
    tolerance: durationSchema.optional().meta({
      description:
        "How old (or how far ahead) a signed timestamp may be (default 5m): older requests are replays.",
    }),
    url: z.string().min(1).optional().meta({
      description:
        "The URL as the sender calls it, for {url} (default: from the request's Host, or X-Forwarded-* with server.trust_proxy).",
    }),
  })
  .meta({ description: "An HMAC signature over the raw body (and more, per `signed`)." });

export interface HmacSettings {
  secret: string[];
  algorithm: "sha1" | "sha256" | "sha512";
  encoding: SignatureEncoding;
  header: string;
  prefix: string;
  header_format: "signature" | "t_v1";
  signed: string;
  timestamp_header?: string;
  timestamp_field?: string;
  tolerance: number;
  url?: string;
}

/** The settings as written (scheme defaults under them), completed; missing required ones named. */
export function completeHmac(value: z.output<typeof hmacSettingsSchema>): Completed<HmacSettings> {
  const v = { ...(value.scheme ? HMAC_SCHEMES[value.scheme] : {}), ...value };
  if (v.secret === undefined) return { ok: false, missing: "secret" };
  if (v.header === undefined) return { ok: false, missing: "header" };
  const format = v.header_format ?? "signature";
  const signed = v.signed ?? (format === "t_v1" ? "{timestamp}.{body}" : "{body}");
  const timed = format === "t_v1" || v.timestamp_header || v.timestamp_field;
  if (signed.includes("{timestamp}") && !timed)
    return {
      ok: false,
      missing: "timestamp_header",
      because: "signed uses {timestamp}; or set timestamp_field",
    };
  return {
    ok: true,
    settings: {
      secret: secretList(v.secret),
      algorithm: v.algorithm ?? "sha256",
      encoding: v.encoding ?? "hex",
      header: v.header.toLowerCase(),
      prefix: v.prefix ?? "",
      header_format: format,
      signed,
      ...(v.timestamp_header ? { timestamp_header: v.timestamp_header.toLowerCase() } : {}),
      ...(v.timestamp_field ? { timestamp_field: v.timestamp_field } : {}),
      tolerance: v.tolerance ?? 300_000,
      ...(v.url ? { url: v.url } : {}),
    },
  };
}

/**
 * The HMAC check over the raw bytes: the signature in the header matches one of the secrets, then
 * the signed timestamp (if any) is within the tolerance.
 */
export function verifyHmac(settings: HmacSettings, input: CheckInput): CheckResult {
  const fail = (reason: string): CheckResult => ({ scheme: "hmac", ok: false, reason });
  const read = readSignature(settings, input.headers[settings.header]);
  if (!read.ok) return fail(read.reason);
  const timestamp = read.timestamp ?? readTimestamp(settings, input);
  if (timestamp && "reason" in timestamp) return fail(timestamp.reason);
  const how = `${settings.algorithm}/${settings.encoding} from header ${settings.header}`;
  const given = read.signatures.flatMap((text) => decodeStrictly(text, settings.encoding) ?? []);
  if (given.length === 0)
    return fail(`signature malformed: not ${settings.encoding} (header ${settings.header})`);
  const signed = signedContent(settings, input, timestamp?.text);
  const matched = settings.secret.some((secret) => {
    const digest = createHmac(settings.algorithm, secret).update(signed).digest();
    return given.some((bytes) => safeEqual(bytes, digest));
  });
  if (!matched) {
    const tried = settings.secret.length > 1 ? `, ${settings.secret.length} secrets tried` : "";
    return fail(`signature mismatch: computed over ${signed.length} bytes with ${how}${tried}`);
  }
  if (timestamp !== undefined) {
    const ms = timestamp.value < 1e11 ? timestamp.value * 1000 : timestamp.value;
    const age = Math.round((input.now - ms) / 1000);
    const tolerance = Math.round(settings.tolerance / 1000);
    if (Math.abs(age) > tolerance)
      return fail(
        age > 0
          ? `timestamp ${age} s old, tolerance ${tolerance} s`
          : `timestamp ${-age} s in the future, tolerance ${tolerance} s`,
      );
  }
  return { scheme: "hmac", ok: true, reason: `signature matches (${how})` };
}

function signedContent(settings: HmacSettings, input: CheckInput, timestamp?: string): Buffer {
  const parts = settings.signed.split(/(\{(?:method|url|body|timestamp)\})/);
  return Buffer.concat(
    parts.map((part) => {
      if (part === "{body}") return input.raw;
      if (part === "{method}") return Buffer.from(input.method);
      if (part === "{url}")
        return Buffer.from(settings.url ? withQuery(settings.url, input.url) : input.url);
      if (part === "{timestamp}") return Buffer.from(timestamp ?? "");
      return Buffer.from(part);
    }),
  );
}

/** The configured URL with the query string of the request as called. */
function withQuery(configured: string, called: string): string {
  const at = called.indexOf("?");
  return at === -1 || configured.includes("?") ? configured : configured + called.slice(at);
}
