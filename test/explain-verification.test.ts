import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureArgs, runBotbridge } from "./run-botbridge.ts";

/** botbridge explain says whether a request passes its source's checks, and why not. */
const CONFIG = join(import.meta.dirname, "config", "preset-sources.yaml");

/**
 * `botbridge explain` of a fixture (or of `input` when `fixture` is undefined); expects exit
 * `status`: 0, 2 when verification fails, 4 when no route listens (only hubspot has routes here).
 */
async function explain(
  source: string,
  fixture: string | undefined,
  extra: string[] = [],
  input?: string,
  status = 0,
): Promise<string> {
  const run = await runBotbridge(
    [
      ...["--config", CONFIG, "explain", "--source", source],
      ...(fixture ? fixtureArgs(fixture) : []),
      ...extra,
    ],
    {
      env: { ...process.env, HUBSPOT_SECRET: "", TYPEFORM_SECRET: "", TILDA_TOKEN: "" },
      ...(input !== undefined ? { input } : {}),
    },
  );
  expect(run.status, run.stderr).toBe(status);
  return run.stdout;
}

// Each case starts botbridge once or twice: seconds each on a busy machine.
describe("botbridge explain shows the verification result", { timeout: 60_000 }, () => {
  it("passes a HubSpot batch at the sidecar's time and explains each event of the split", async () => {
    const out = await explain("hubspot", "hubspot-contact-events.json", ["--now", "1735689600000"]);
    expect(out).toContain(
      "verification: passed\n  ok hmac: signature matches (sha256/base64 from header x-hubspot-signature-v3)",
    );
    expect(out).toContain("split event 1 (source hubspot");
    expect(out).toContain("split event 2 (source hubspot");
    expect(out).toContain('dedupe key: "3816279480:22:1462216307945"');
    expect(out).toContain("route hubspot-new-contact: matched");
    expect(out).toContain('"path": "/contacts/1246978"');
  });

  it("says in words why a check fails, never the secret", async () => {
    const out = await explain(
      "hubspot",
      "hubspot-contact-events.json",
      ["--now", "2025-01-01T00:06:52Z"],
      undefined,
      2,
    );
    expect(out).toContain(
      "verification: FAILED (the sender would get 401 verification_failed; nothing would be stored)\n  FAILED hmac: timestamp 412 s old, tolerance 300 s",
    );
    expect(out).not.toContain("hubspot-test-client-secret");
  });

  it("names the bytes, algorithm and header of a signature mismatch", async () => {
    const out = await explain(
      "typeform",
      "typeform-form-response.json",
      ["--method", "POST"],
      undefined,
      4,
    );
    expect(out).toContain("verification: passed");
    const wrong = await explain(
      "typeform",
      undefined,
      [
        "--content-type",
        "application/json",
        "--header",
        "typeform-signature: sha256=AAAA",
        "--json",
      ],
      '{"event_id":"x"}',
      2,
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

  it("shows Tilda's test=test as a ping, not routed", async () => {
    const out = await explain("tilda", "tilda-test.form", ["--query", "token=tilda-url-token"]);
    expect(out).toContain(
      "verification: passed\n  ok token: token matches (query parameter token)",
    );
    expect(out).toContain("ping: a test request from the sender");
    expect(out).not.toContain("no routes listen");
  });
});
