import { createHmac } from "node:crypto";
import type { CheckInput } from "../src/sources/verifiers/check-result.ts";
import { completeHmac, type HmacSettings } from "../src/sources/verifiers/verify-hmac.ts";

/** A signed request for the verifyHmac tests: its clock, raw body, signer and settings. */
export const NOW = 1_735_689_600_000;
export const raw = Buffer.from('{"a":1,"name":"Иван"}');
export const sign = (
  secret: string,
  content: string | Buffer,
  encoding: "hex" | "base64" = "hex",
  algorithm = "sha256",
) => createHmac(algorithm, secret).update(content).digest(encoding);

export function input(headers: Record<string, string>, over: Partial<CheckInput> = {}): CheckInput {
  return {
    method: "POST",
    url: "https://bridge.example.com/hooks/x?token=1",
    headers,
    query: {},
    body: { a: 1, ts: 1_735_689_600 },
    raw,
    remote_address: "127.0.0.1",
    now: NOW,
    ...over,
  };
}

export function settings(value: Parameters<typeof completeHmac>[0]): HmacSettings {
  const done = completeHmac(value);
  if (!done.ok) throw new Error(`missing ${done.missing}`);
  return done.settings;
}

export const ts = String(NOW / 1000);
export const stripe = (secret: string, t = ts) =>
  `t=${t},v1=${sign(secret, `${t}.${raw.toString()}`)}`;

/** One row: name, settings, headers, request overrides, whether it passes, and the reason. */
export type HmacCase = [
  string,
  Parameters<typeof completeHmac>[0],
  Record<string, string>,
  Partial<CheckInput>,
  boolean,
  string,
];
