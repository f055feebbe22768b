import { defineTarget } from "../define-target.ts";
import { bothelpTargetSchema } from "./bothelp-target-schema.ts";
import { checkBothelpReferrals } from "./check-bothelp-referrals.ts";
import { collectBothelpReferrals } from "./collect-bothelp-referrals.ts";
import { reportBothelpReferrals } from "./report-bothelp-referrals.ts";

/**
 * A BotHelp account: its REST API at api_url. The OAuth2 token is per call (callBothelp, with
 * bothelpToken's cache in the target's shared state), not a default header. Its start-up check
 * looks for the flows, steps and sequences the routes name, which the API would accept silently.
 */
export const bothelpTarget = defineTarget({
  title: "BotHelp",
  schema: bothelpTargetSchema,
  // a 401 that a fresh token does not fix (callBothelp renews once); the token request's own
  // refusal is thrown by bothelpToken
  credentials: { fields: ["client_id", "client_secret"], refusedStatuses: [401] },
  endpoint: (target) => ({
    baseUrl: target.api_url,
    headers: { accept: "application/json", "user-agent": "botbridge" },
  }),
  check: {
    subject: "referrals",
    atStart: (target, uses) => target.check_referrals && collectBothelpReferrals(uses).length > 0,
    run: async (context, uses) =>
      reportBothelpReferrals(await checkBothelpReferrals(context, collectBothelpReferrals(uses))),
  },
});
