import { z } from "zod";
import { normalizePhone } from "../../templates/normalize-phone.ts";
import { ActionError } from "../../targets/action-error.ts";
import { defineAction } from "../define-action.ts";
import { findBothelpSubscribers } from "./find-bothelp-subscribers.ts";
import { bothelpDryRunAnswer } from "./bothelp-dry-run-answer.ts";

export const findSubscribers = defineAction({
  type: "bothelp.find_subscribers",
  target: "bothelp",
  dryRunAnswer: bothelpDryRunAnswer,
  summary: "List BotHelp subscribers, all or by email, phone or sign-up time (export a list).",
  description:
    "Calls `GET /v1/subscribers/` with the filters given and follows the `after` cursor page by page (100 a page) up to max_pages. The phone is normalised like $phone. Nobody found is not an error: the list is empty.",
  output:
    "`{ subscribers: [{ id, cuid, name, email, phone, tags, channelType, createdAt, ... }], count, truncated }`.",
  params: z.strictObject({
    email: z.string().optional().meta({ description: "Only this email." }),
    phone: z
      .union([z.string(), z.number()])
      .optional()
      .meta({ description: "Only this phone (any format; normalised)." }),
    created_after: z.union([z.number(), z.string()]).optional().meta({
      description: "Only subscribers created after this time: unix seconds or an ISO date.",
    }),
    max_pages: z
      .int()
      .positive()
      .default(100)
      .meta({ description: "Stop after this many pages (truncated: true)." }),
  }),
  examples: [
    { title: "Everyone with this email", params: { email: "{{ body.email }}" } },
    {
      title: "Everyone who joined since a date",
      params: { created_after: "2026-01-01T00:00:00Z" },
    },
  ],
  async run(params, context) {
    const email = params.email?.trim();
    const phone =
      params.phone === undefined || params.phone === ""
        ? undefined
        : normalizePhone(params.phone, context.templates.default_country);
    const createdAtAfter = unixSeconds(params.created_after);
    const { subscribers, truncated } = await findBothelpSubscribers(
      context,
      {
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(createdAtAfter !== undefined ? { createdAtAfter } : {}),
      },
      params.max_pages,
    );
    return { subscribers, count: subscribers.length, truncated };
  },
});

function unixSeconds(value: number | string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value === "number") return Math.floor(value);
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new ActionError("invalid_params", `created_after: "${value}" is not a time`);
  return Math.floor(ms / 1000);
}
