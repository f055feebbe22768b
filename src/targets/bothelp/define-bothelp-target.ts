import { defineTarget } from "../define-target.ts";
import { bothelpTargetSchema } from "./bothelp-target-schema.ts";

/**
 * A BotHelp account: its REST API at api_url. The OAuth2 token is per call (callBothelp, with
 * bothelpToken's cache in the target's shared state), not a default header.
 */
export const bothelpTarget = defineTarget({
  title: "BotHelp",
  schema: bothelpTargetSchema,
  endpoint: (target) => ({
    baseUrl: target.api_url,
    headers: { accept: "application/json", "user-agent": "botbridge" },
  }),
});
