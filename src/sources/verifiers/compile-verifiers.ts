import type { Problem } from "../../core/problem.ts";
import type { CheckInput, CheckResult, Completed } from "./check-result.ts";
import { completeBasic, verifyBasic } from "./verify-basic.ts";
import { findUnsignedTimestamp } from "./find-unsigned-timestamp.ts";
import { completeHmac, verifyHmac } from "./verify-hmac.ts";
import { createAllowList, verifyIp } from "./verify-ip.ts";
import { VERIFY_SCHEMES, type VerifySettings, type VerifyScheme } from "./verify-schema.ts";
import { completeToken, removeToken } from "./verify-token.ts";
import { verifyToken } from "./verify-token.ts";

/** One compiled check of a source; `strip` removes the credential from what is stored. */
export interface Verifier {
  scheme: VerifyScheme;
  check(input: CheckInput): CheckResult;
  strip?<
    T extends { query: Record<string, unknown>; body: unknown; headers: Record<string, string> },
  >(
    event: T,
  ): T;
}

/**
 * The checks of a source, and warnings about checks that protect less than they seem to: the preset's settings with the user's over them, scheme by scheme
 * (`false` turns a scheme off). A scheme the preset requires, or one the user wrote, must be
 * complete (its secret set); a preset's optional scheme without a secret is left out.
 */
export function compileVerifiers(
  preset: { name: string; verify: VerifySettings; required: readonly VerifyScheme[] } | undefined,
  user: VerifySettings | undefined,
): { verifiers: Verifier[]; problems: Problem[]; warnings: Problem[] } {
  const verifiers: Verifier[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const scheme of VERIFY_SCHEMES) {
    const mine = user?.[scheme];
    if (mine === false) continue;
    const theirs = preset?.verify[scheme];
    const merged = merge(theirs === false ? undefined : theirs, mine);
    if (merged === undefined) continue;
    const compiled = compileOne(scheme, merged);
    if (compiled.ok) {
      verifiers.push(compiled.settings);
      if (compiled.warning) {
        // point at what the user wrote: their `signed` over a preset's timestamp setting
        const wrote = typeof mine === "object" && !Array.isArray(mine) && "signed" in mine;
        const key = wrote ? "signed" : compiled.warning.key;
        warnings.push({ path: ["verify", scheme, key], message: compiled.warning.message });
      }
      continue;
    }
    const required = preset?.required.includes(scheme) ?? false;
    if (mine === undefined && !required) continue;
    problems.push({
      path: ["verify", scheme, ...(mine === undefined ? [] : [compiled.missing])],
      message:
        mine === undefined
          ? `the ${preset?.name ?? ""} preset verifies requests with ${scheme}: set verify.${scheme}.${compiled.missing} (or ${scheme}: false to accept unverified requests)`
          : `${compiled.missing} is required${compiled.because ? ` (${compiled.because})` : ""}${required ? ` (the ${preset?.name ?? ""} preset verifies with ${scheme})` : ""}`,
    });
  }
  return { verifiers, problems, warnings };
}

type Settings = Exclude<VerifySettings[VerifyScheme], false | undefined>;

function merge(theirs: Settings | undefined, mine: Settings | undefined): Settings | undefined {
  const a = typeof theirs === "string" ? { secret: theirs } : theirs;
  const b = typeof mine === "string" ? { secret: mine } : mine;
  if (Array.isArray(b) || a === undefined) return b;
  if (b === undefined || Array.isArray(a)) return b ?? a;
  return { ...a, ...b };
}

function compileOne(
  scheme: VerifyScheme,
  settings: Settings,
): Completed<Verifier> & { warning?: { key: string; message: string } } {
  if (scheme === "ip_allow") {
    const list = createAllowList(settings as string[]);
    return { ok: true, settings: { scheme, check: (input) => verifyIp(list, input) } };
  }
  if (scheme === "token") {
    const done = completeToken(settings as Parameters<typeof completeToken>[0]);
    if (!done.ok) return done;
    const token = done.settings;
    return {
      ok: true,
      settings: {
        scheme,
        check: (input) => verifyToken(token, input),
        strip: (event) => removeToken(token, event),
      },
    };
  }
  if (scheme === "hmac") {
    const done = completeHmac(settings as Parameters<typeof completeHmac>[0]);
    if (!done.ok) return done;
    const hmac = done.settings;
    const warning = findUnsignedTimestamp(hmac);
    return {
      ok: true,
      settings: { scheme, check: (input) => verifyHmac(hmac, input) },
      ...(warning ? { warning } : {}),
    };
  }
  const done = completeBasic(settings as Parameters<typeof completeBasic>[0]);
  if (!done.ok) return done;
  const basic = done.settings;
  return { ok: true, settings: { scheme, check: (input) => verifyBasic(basic, input) } };
}
