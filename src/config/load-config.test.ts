import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import { formatWarning } from "../core/problem.ts";
import { parseConfig } from "./load-config.ts";

const replay =
  "a replayed request passes with a fresh time, so there is no replay protection; if the sender signs the time, add {timestamp} to signed";
const spoofable =
  "server.trust_proxy is true, so the client address is the first X-Forwarded-For entry, which any client can write: ip_allow holds only if a proxy in front overwrites X-Forwarded-For; otherwise set trust_proxy to the proxy's address or hop count";

/** What `botbridge check` prints above its ok line for a file that loads but protects less than it seems to. */
describe("parseConfig warns about checks that protect less than they seem to", () => {
  it.each<[string, string, string[]]>([
    [
      "an hmac timestamp header that is not signed",
      `version: 1
sources:
  forms:
    verify:
      hmac: { secret: s, header: x-sig, timestamp_header: x-time }
`,
      [
        `routes.yaml:5:59: sources.forms.verify.hmac.timestamp_header: warning: the time in header x-time is not part of what is signed (signed: "{body}"): ${replay}`,
      ],
    ],
    [
      "an hmac timestamp header that is signed",
      `version: 1
sources:
  forms:
    verify:
      hmac: { secret: s, header: x-sig, timestamp_header: x-time, signed: "{timestamp}.{body}" }
`,
      [],
    ],
    [
      "a preset's signed timestamp replaced by the body alone",
      `version: 1
sources:
  webflow:
    preset: webflow
    verify: { hmac: { secret: s, signed: "{body}" } }
`,
      [
        `routes.yaml:5:42: sources.webflow.verify.hmac.signed: warning: the time in header x-webflow-timestamp is not part of what is signed (signed: "{body}"): ${replay}`,
      ],
    ],
    [
      "trust_proxy: true with ip_allow",
      `version: 1
server: { trust_proxy: true }
sources:
  office: { verify: { ip_allow: [203.0.113.0/24] } }
  open: { verify: { token: t } }
`,
      [`routes.yaml:4:33: sources.office.verify.ip_allow: warning: ${spoofable}`],
    ],
    [
      "trust_proxy as a hop count with ip_allow",
      `version: 1
server: { trust_proxy: 1 }
sources:
  office: { verify: { ip_allow: [203.0.113.0/24] } }
`,
      [],
    ],
    [
      "trust_proxy: true without ip_allow",
      `version: 1
server: { trust_proxy: true }
sources:
  open: { verify: { token: t } }
`,
      [],
    ],
  ])("%s", (_name, yaml, expected) => {
    const result = parseConfig(yaml, "routes.yaml", { actions: createActions(), env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings.map(formatWarning)).toEqual(expected);
  });
});
