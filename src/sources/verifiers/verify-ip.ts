import { BlockList, isIP } from "node:net";
import { z } from "zod";
import type { CheckInput, CheckResult } from "./check-result.ts";

const CIDR = /^(.+)\/(\d{1,3})$/;

/** True when `entry` is an IP address or a CIDR range. */
export function isAddressOrRange(entry: string): boolean {
  const match = CIDR.exec(entry);
  const address = match ? (match[1] ?? "") : entry;
  const family = isIP(address);
  if (family === 0) return false;
  return !match || Number(match[2]) <= (family === 4 ? 32 : 128);
}

export const ipAllowSchema = z
  .array(
    z.string().refine(isAddressOrRange, {
      error: "expected an IP address or a CIDR range such as 10.0.0.0/8",
    }),
  )
  .min(1)
  .meta({
    description:
      "Client addresses and CIDR ranges allowed to send; X-Forwarded-For counts only as server.trust_proxy says.",
  });

/** The allow list as a BlockList (IPv4-mapped IPv6 addresses match their IPv4 entries). */
export function createAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const match = CIDR.exec(entry);
    const address = match ? (match[1] ?? "") : entry;
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (match) list.addSubnet(address, Number(match[2]), type);
    else list.addAddress(address, type);
  }
  return list;
}

/** The address check: the client's address (as trust_proxy decides it) is in the allow list. */
export function verifyIp(list: BlockList, input: CheckInput): CheckResult {
  const address = input.remote_address;
  const family = isIP(address);
  if (family === 0)
    return { scheme: "ip_allow", ok: false, reason: `client address unknown ("${address}")` };
  return list.check(address, family === 6 ? "ipv6" : "ipv4")
    ? { scheme: "ip_allow", ok: true, reason: `address ${address} is allowed` }
    : { scheme: "ip_allow", ok: false, reason: `address ${address} is not in ip_allow` };
}
