import {
  createFakeMetabot,
  type FakeMetabot,
  type FakeMetabotOptions,
} from "./fakes/fake-metabot.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

export interface MetabotBridge {
  fake: FakeMetabot;
  t: TestBridge;
  /** The token the fake expects and the target sends. */
  token: string;
  /** Posts a JSON body to /hooks/crm; returns the event id. */
  post(body: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A running botbridge with one Metabot target (`bot`, bot 1234 unless `fake` says otherwise)
 * pointed at a fresh Metabot fake, one source (`crm`) and the given routes. `target` adds lines to
 * the target's settings (auth_header, timezone, ...).
 */
export async function startMetabotBridge(
  routes: string,
  options: { fake?: Partial<FakeMetabotOptions>; target?: string } = {},
): Promise<MetabotBridge> {
  const fakeOptions = { botId: 1234, token: "mb-token-0123456789", ...options.fake };
  const fake = createFakeMetabot(fakeOptions);
  const { url } = await fake.start();
  const yaml = `
version: 1
delivery: { poll_interval: 20ms, retry: [10s] }
targets:
  bot:
    type: metabot
    base_url: \${METABOT_URL}/api/v1
    bot_id: ${fakeOptions.botId}
    token: \${METABOT_TOKEN}
${options.target ?? ""}
sources:
  crm:
routes:
${routes}
`;
  let t: TestBridge;
  try {
    t = await startBridge(yaml, { env: { METABOT_URL: url, METABOT_TOKEN: fakeOptions.token } });
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    t,
    token: fakeOptions.token,
    post: (body) => t.postEvent("crm", body),
    async stop() {
      await t.stop();
      await fake.close();
    },
  };
}
