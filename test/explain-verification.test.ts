import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, readFixture } from "./read-fixture.ts";

/** botbridge explain says whether a request passes its source's checks, and why not. */
const CONFIG = join(import.meta.dirname, "config", "preset-sources.yaml");

function explain(source: string, fixture: string, extra: string[] = []): string {
  const f = readFixture(fixture);
  const args = ["bin/botbridge.js", "--config", CONFIG, "explain", "--source", source];
  args.push("--file", join(FIXTURES, fixture), ...extra);
  for (const [name, value] of Object.entries(f.headers)) args.push("--header", `${name}: ${value}`);
  return execFileSync(process.execPath, args, {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8",
    env: { ...process.env, HUBSPOT_SECRET: "", TYPEFORM_SECRET: "", TILDA_TOKEN: "" },
  });
}

describe("botbridge explain shows the verification result", () => {
  it("passes a HubSpot batch at the sidecar's time and explains each event of the split", () => {
    const out = explain("hubspot", "hubspot-contact-events.json", ["--now", "1735689600000"]);
    expect(out).toContain(
      "verification: passed\n  ok hmac: signature matches (sha256/base64 from header x-hubspot-signature-v3)",
    );
    expect(out).toContain("split event 1 (source hubspot");
    expect(out).toContain("split event 2 (source hubspot");
    expect(out).toContain('dedupe key: "3816279480:22:1462216307945"');
    expect(out).toContain("route hubspot-new-contact: matched");
    expect(out).toContain('"path": "/contacts/1246978"');
  });

  it("says in words why a check fails, never the secret", () => {
    const out = explain("hubspot", "hubspot-contact-events.json", [
      "--now",
      "2025-01-01T00:06:52Z",
    ]);
    expect(out).toContain(
      "verification: FAILED (the sender would get 401 verification_failed; nothing would be stored)\n  FAILED hmac: timestamp 412 s old, tolerance 300 s",
    );
    expect(out).not.toContain("hubspot-test-client-secret");
  });

  it("names the bytes, algorithm and header of a signature mismatch", () => {
    const out = explain("typeform", "typeform-form-response.json", ["--method", "POST"]);
    expect(out).toContain("verification: passed");
    const wrong = execFileSync(
      process.execPath,
      [
        "bin/botbridge.js",
        "--config",
        CONFIG,
        "explain",
        "--source",
        "typeform",
        "--content-type",
        "application/json",
        "--header",
        "typeform-signature: sha256=AAAA",
        "--json",
      ],
      { cwd: join(import.meta.dirname, ".."), input: '{"event_id":"x"}', encoding: "utf8" },
    );
    expect(JSON.parse(wrong).verification).toEqual({
      verified: false,
      checks: [
        {
          scheme: "hmac",
          ok: false,
          reason:
            "signature mismatch: computed over 16 bytes with sha256/base64 from header typeform-signature",
        },
      ],
    });
  });

  it("shows Tilda's test=test as a ping, not routed", () => {
    const out = explain("tilda", "tilda-test.form", ["--query", "token=tilda-url-token"]);
    expect(out).toContain(
      "verification: passed\n  ok token: token matches (query parameter token)",
    );
    expect(out).toContain("ping: a test request from the sender");
    expect(out).not.toContain("no routes listen");
  });
});
