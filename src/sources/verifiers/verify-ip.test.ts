import { describe, expect, it } from "vitest";
import type { CheckInput } from "./check-result.ts";
import { createAllowList, isAddressOrRange, verifyIp } from "./verify-ip.ts";

const list = createAllowList(["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"]);
const input = (remote_address: string): CheckInput => ({
  method: "POST",
  url: "http://localhost/hooks/x",
  headers: {},
  query: {},
  body: undefined,
  raw: Buffer.alloc(0),
  remote_address,
  now: 0,
});

describe("verifyIp", () => {
  it.each<[string, boolean, string]>([
    ["203.0.113.7", true, "address 203.0.113.7 is allowed"],
    ["10.20.30.40", true, "address 10.20.30.40 is allowed"],
    ["::ffff:10.1.1.1", true, "address ::ffff:10.1.1.1 is allowed"],
    ["2001:db8::1", true, "address 2001:db8::1 is allowed"],
    ["203.0.113.8", false, "address 203.0.113.8 is not in ip_allow"],
    ["11.0.0.1", false, "address 11.0.0.1 is not in ip_allow"],
    ["", false, 'client address unknown ("")'],
  ])("%s", (address, ok, reason) => {
    expect(verifyIp(list, input(address))).toEqual({ scheme: "ip_allow", ok, reason });
  });

  it.each<[string, boolean]>([
    ["10.0.0.0/8", true],
    ["::1", true],
    ["10.0.0.0/33", false],
    ["example.com", false],
    ["10.0.0/8", false],
  ])("%s is an address or range: %s", (entry, ok) => {
    expect(isAddressOrRange(entry)).toBe(ok);
  });
});
