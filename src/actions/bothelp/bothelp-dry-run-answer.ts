import type { DryRunDefault } from "../dry-run-default.ts";

/** Unix seconds of the sample subscriber's sign-up (the reference's example). */
const CREATED_AT = 1662126165;

/**
 * What BotHelp answers, in dry run, the calls of its actions: a lookup (`GET /v1/subscribers/`)
 * finds one subscriber, shaped as the API lists them (the reference's sample values, with the
 * email or phone looked up); every change answers `{"success": true}`, as bot and sequence
 * operations do.
 */
export const bothelpDryRunAnswer: DryRunDefault = {
  description:
    'a lookup (`GET /v1/subscribers/`) finds one subscriber, `{"data": [{"id": 92, "cuid": "1et0.2k", "name": "Dry Run", "email": ..., "phone": ..., "channelType": "telegram", "tags": [], ...}], "paging": null}` with the email or phone looked up; other calls answer `{"success": true}`',
  answer: ({ request }) => {
    if (request.method !== "GET") return { success: true };
    const { email, phone } = request.query;
    return {
      data: [
        {
          id: 92,
          cuid: "1et0.2k",
          userId: 123456789,
          createdAt: CREATED_AT,
          subscribed: true,
          name: "Dry Run",
          email: typeof email === "string" ? email : "",
          phone: typeof phone === "string" ? phone : "",
          channelName: "Telegram bot",
          channelType: "telegram",
          tags: [],
        },
      ],
      paging: null,
    };
  },
};
