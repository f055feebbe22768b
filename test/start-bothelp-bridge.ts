import type { Attempt } from "../src/store/store.ts";
import {
  createFakeBothelp,
  type FakeBothelp,
  type FakeBothelpOptions,
} from "./fakes/fake-bothelp.ts";
import type { RecordedCall } from "./fakes/read-call.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";
import { createTestClock } from "./test-clock.ts";

export interface BothelpBridge {
  fake: FakeBothelp;
  t: TestBridge;
  /** Posts a JSON body to /hooks/forms; returns the event id. */
  post(body: Record<string, unknown>): Promise<string>;
  /** Calls to the fake other than the token endpoint. */
  apiCalls(): RecordedCall[];
  attemptsOf(eventId: string): Promise<Attempt[]>;
  stop(): Promise<void>;
}

/**
 * A running botbridge with one BotHelp target (`bothelp`) pointed at a fresh BotHelp fake, one
 * source (`forms`) and the given routes. The fake's token clock is the bridge's test clock.
 */
export async function startBothelpBridge(
  routes: string,
  options: {
    fake?: FakeBothelpOptions;
    /** Top-level sections, e.g. `templates: { default_country: DE }`. */
    settings?: string;
    target?: string;
    delivery?: string;
    env?: Record<string, string>;
    checkReferrals?: boolean;
  } = {},
): Promise<BothelpBridge> {
  const clock = createTestClock(Date.now());
  const fake = createFakeBothelp({ now: () => clock.now(), ...options.fake });
  const { url } = await fake.start();
  const yaml = `
version: 1
${options.settings ?? ""}
delivery:
  poll_interval: 20ms
  retry: [10s, 1m, 5m]
  max_age: 30d
${options.delivery ?? ""}
targets:
  bothelp:
    type: bothelp
    api_url: \${BOTHELP_URL}
    token_url: \${BOTHELP_URL}/oauth2/token
    client_id: \${BOTHELP_CLIENT_ID}
    client_secret: \${BOTHELP_CLIENT_SECRET}
    check_referrals: ${options.checkReferrals ?? false}
${options.target ?? ""}
sources:
  forms:
routes:
${routes}
`;
  const t = await startBridge(yaml, {
    clock,
    env: {
      BOTHELP_URL: url,
      BOTHELP_CLIENT_ID: fake.clientId,
      BOTHELP_CLIENT_SECRET: fake.clientSecret,
      ...options.env,
    },
  });
  return {
    fake,
    t,
    post: (body) => t.postEvent("forms", body),
    apiCalls: () => fake.calls.filter((call) => call.path !== "/oauth2/token"),
    attemptsOf: (eventId) => t.attemptsOf(eventId),
    async stop() {
      await t.stop();
      await fake.close();
    },
  };
}
