import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startBridge } from "./start-bridge.ts";

/** A file that loads but protects less than it seems to: `check` prints why and still exits 0; serve logs it. */
const yaml = `version: 1
server: { trust_proxy: true }
sources:
  office: { verify: { ip_allow: [203.0.113.0/24] } }
  forms: { verify: { hmac: { secret: s, header: x-sig, timestamp_header: x-time } } }
`;
const warnings = [
  `sources.office.verify.ip_allow: warning: server.trust_proxy is true, so the client address is the first X-Forwarded-For entry, which any client can write: ip_allow holds only if a proxy in front overwrites X-Forwarded-For; otherwise set trust_proxy to the proxy's address or hop count`,
  `sources.forms.verify.hmac.timestamp_header: warning: the time in header x-time is not part of what is signed (signed: "{body}"): a replayed request passes with a fresh time, so there is no replay protection; if the sender signs the time, add {timestamp} to signed`,
];

describe("config warnings", () => {
  it("botbridge check prints each warning at its place and exits 0", () => {
    const file = join(mkdtempSync(join(tmpdir(), "botbridge-warn-")), "routes.yaml");
    writeFileSync(file, yaml);
    const out = execFileSync(process.execPath, ["bin/botbridge.js", "check", file], {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
    });
    expect(out.trimEnd().split("\n")).toEqual([
      `${file}:4:33: ${warnings[0]}`,
      `${file}:5:74: ${warnings[1]}`,
      `${file}: ok (0 targets, 2 sources, 0 routes, 2 warning(s))`,
    ]);
  });

  it("serve logs each warning at start", async () => {
    const bridge = await startBridge(yaml);
    try {
      const lines = bridge.logs.filter((l) => l.code === "config_warning");
      expect(lines.map((l) => [l.level, String(l.msg).replace(/^.*?:\d+:\d+: /, "")])).toEqual(
        warnings.map((w) => [40, w]),
      );
    } finally {
      await bridge.stop();
    }
  });
});
