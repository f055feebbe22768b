import { defineTarget } from "../define-target.ts";
import { metabotTargetSchema } from "./metabot-target-schema.ts";

/** A Metabot bot: its Bot API at base_url, the token in auth_header on every call. */
export const metabotTarget = defineTarget({
  title: "Metabot",
  schema: metabotTargetSchema,
  credentials: { fields: ["token"], refusedStatuses: [401, 403] },
  endpoint: (target) => {
    const auth =
      target.token === undefined
        ? {}
        : {
            [target.auth_header]: target.auth_scheme
              ? `${target.auth_scheme} ${target.token}`
              : target.token,
          };
    return {
      baseUrl: target.base_url,
      headers: { accept: "application/json", "user-agent": "botbridge", ...auth },
    };
  },
});
