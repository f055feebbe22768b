import type { HmacSettings } from "./verify-hmac.ts";

export type ReadSignature =
  | { ok: true; signatures: string[]; timestamp?: { text: string; value: number } }
  | { ok: false; reason: string };

/**
 * The signature(s) in a header: after the prefix, or, in the `t=...,v1=...` format, every v1
 * value and the timestamp t.
 */
export function readSignature(settings: HmacSettings, header: string | undefined): ReadSignature {
  const name = settings.header;
  if (header === undefined || header.trim() === "")
    return { ok: false, reason: `signature header ${name} missing` };
  if (settings.header_format === "signature") {
    const value = header.trim();
    if (!value.startsWith(settings.prefix))
      return {
        ok: false,
        reason: `signature header ${name} does not start with ${settings.prefix}`,
      };
    return { ok: true, signatures: [value.slice(settings.prefix.length)] };
  }
  const pairs = header.split(",").map((part) => {
    const at = part.indexOf("=");
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
  });
  const t = pairs.find(([key]) => key === "t")?.[1];
  const signatures = pairs.filter(([key]) => key === "v1").map(([, value]) => value);
  if (t === undefined || !/^\d+$/.test(t))
    return { ok: false, reason: `signature header ${name} has no t=<timestamp>` };
  if (signatures.length === 0) return { ok: false, reason: `signature header ${name} has no v1=` };
  return { ok: true, signatures, timestamp: { text: t, value: Number(t) } };
}
