import { describe, expect, it } from "vitest";
import { createConsoleSessions, deriveSessionSecret, SESSION_MS } from "./console-sessions.ts";

const NOW = 1_800_000_000_000;

describe("console sessions", () => {
  const key = deriveSessionSecret(["t1", "t2"]);
  const sessions = createConsoleSessions(() => key);
  const cookie = sessions.issue("ops «1»", NOW);

  it("reads back the name and gives a csrf token", () => {
    const session = sessions.read(cookie, NOW + 1000);
    expect(session?.name).toBe("ops «1»");
    expect(session?.expires).toBe(NOW + SESSION_MS);
    expect(session?.csrf).toMatch(/^[\w-]{43}$/);
  });

  it("gives each session its own csrf token", () => {
    const other = sessions.issue("ops «1»", NOW);
    expect(sessions.read(other, NOW)?.csrf).not.toBe(sessions.read(cookie, NOW)?.csrf);
  });

  const [name, expires, nonce, mac] = cookie.split(".") as [string, string, string, string];
  const refused: [string, string | undefined, number][] = [
    ["no cookie", undefined, NOW],
    ["garbage", "abc", NOW],
    ["expired", cookie, NOW + SESSION_MS],
    [
      "another name",
      `${Buffer.from("admin").toString("base64url")}.${expires}.${nonce}.${mac}`,
      NOW,
    ],
    ["a longer life", `${name}.${Number(expires) + 1}.${nonce}.${mac}`, NOW],
    ["a short mac", `${name}.${expires}.${nonce}.${mac.slice(1)}`, NOW],
  ];
  it.each(refused)("refuses %s", (_why, value, now) => {
    expect(sessions.read(value, now)).toBeNull();
  });

  it("logs out when the tokens change, whatever their order", () => {
    expect(deriveSessionSecret(["t2", "t1"]).equals(key)).toBe(true);
    const rotated = createConsoleSessions(() => deriveSessionSecret(["t1", "t3"]));
    expect(rotated.read(cookie, NOW)).toBeNull();
  });
});
