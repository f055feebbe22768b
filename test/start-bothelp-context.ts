import { createActionContext, type TestActionContext } from "./create-action-context.ts";
import {
  createFakeBothelp,
  type FakeBothelp,
  type FakeBothelpOptions,
} from "./fakes/fake-bothelp.ts";
import type { RecordedCall } from "./fakes/read-call.ts";

export interface BothelpActionContext extends TestActionContext<"bothelp"> {
  fake: FakeBothelp;
  /** Calls to the fake other than the token endpoint. */
  apiCalls(): RecordedCall[];
}

/**
 * A BotHelp fake on loopback and the context of an action run on a target (`bothelp`) pointed
 * at it, with the fake's credentials; `target` adds settings (operations, ...). close() closes
 * both.
 */
export async function startBothelpContext(
  fake: FakeBothelpOptions,
  target: Record<string, unknown> = {},
): Promise<BothelpActionContext> {
  const bothelp = createFakeBothelp(fake);
  const { url } = await bothelp.start();
  const h = createActionContext(
    {
      type: "bothelp",
      api_url: url,
      token_url: `${url}/oauth2/token`,
      client_id: bothelp.clientId,
      client_secret: bothelp.clientSecret,
      ...target,
    },
    { name: "bothelp", secrets: [bothelp.clientSecret] },
  );
  return {
    ...h,
    fake: bothelp,
    apiCalls: () => bothelp.calls.filter((call) => call.path !== "/oauth2/token"),
    async close() {
      await h.close();
      await bothelp.close();
    },
  };
}
