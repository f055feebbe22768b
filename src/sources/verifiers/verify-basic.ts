import { z } from "zod";
import type { CheckInput, CheckResult, Completed } from "./check-result.ts";
import { decodeStrictly } from "./decode-strictly.ts";
import { safeEqual } from "./safe-equal.ts";

export const basicSettingsSchema = z
  .strictObject({
    username: z.string().min(1).optional().meta({ description: "The user name the sender sends." }),
    password: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'The password, usually "${VAR}" from the environment.' }),
  })
  .meta({ description: "HTTP Basic credentials (Authorization: Basic ...), as Pipedrive sends." });

export interface BasicSettings {
  username: string;
  password: string;
}

export function completeBasic(
  value: z.output<typeof basicSettingsSchema>,
): Completed<BasicSettings> {
  if (value.username === undefined) return { ok: false, missing: "username" };
  if (value.password === undefined) return { ok: false, missing: "password" };
  return { ok: true, settings: { username: value.username, password: value.password } };
}

/** The HTTP Basic check: user name and password both match (each compared in constant time). */
export function verifyBasic(settings: BasicSettings, input: CheckInput): CheckResult {
  const fail = (reason: string): CheckResult => ({ scheme: "basic", ok: false, reason });
  const header = input.headers.authorization;
  if (header === undefined) return fail("basic credentials missing: no Authorization header");
  const match = /^basic\s+(\S+)\s*$/i.exec(header);
  const bytes = match ? decodeStrictly(match[1] ?? "", "base64") : undefined;
  if (!bytes) return fail("basic credentials malformed: Authorization is not Basic <base64>");
  const decoded = bytes.toString("utf8");
  const at = decoded.indexOf(":");
  if (at === -1) return fail("basic credentials malformed: no user:password");
  const user = safeEqual(decoded.slice(0, at), settings.username);
  const password = safeEqual(decoded.slice(at + 1), settings.password);
  if (!user) return fail("basic credentials mismatch: wrong user name");
  if (!password) return fail("basic credentials mismatch: wrong password");
  return { scheme: "basic", ok: true, reason: "basic credentials match" };
}
