import { z } from "zod";
import { durationSchema } from "../../core/duration-schema.ts";

const IDENTIFIERS = ["id", "cuid", "email", "phone"] as const;

/** `subscriber:` of every subscriber-scoped BotHelp action: who, and what to do with 0 or n matches. */
export const subscriberSchema = z
  .strictObject({
    id: z
      .union([z.int().positive(), z.string().regex(/^\d*$/, { error: "expected digits" })])
      .optional()
      .meta({ description: "BotHelp subscriber id (one per channel subscription)." }),
    cuid: z.string().optional().meta({ description: "BotHelp cuid, e.g. 1et0.2k." }),
    email: z
      .string()
      .optional()
      .meta({ description: "Looked up through GET /v1/subscribers/?email=." }),
    phone: z.union([z.string(), z.number()]).optional().meta({
      description: "Looked up through GET /v1/subscribers/?phone=, normalised like $phone.",
    }),
    on_multiple: z.enum(["all", "first", "fail"]).default("all").meta({
      description:
        "When an email or phone matches several subscriptions (BotHelp keeps one per channel: Telegram, WhatsApp, VK, ...): all acts on every one; first acts on the first BotHelp lists; fail fails the delivery with multiple_subscribers and acts on none.",
    }),
    on_missing: z.enum(["fail", "skip", "wait"]).default("fail").meta({
      description:
        "When nobody matches the email or phone, or every identifier renders empty: fail fails the delivery with subscriber_not_found (subscriber_not_identified when all are empty); skip passes over this action (its output says skipped: true) and the route goes on; wait looks again on the retry schedule, using up no attempts, for up to wait_for, then fails (for someone who fills in a form before starting the bot; an empty identifier is never waited for).",
    }),
    wait_for: durationSchema.prefault("7d").meta({
      description:
        "With on_missing: wait, how long to keep looking, from the first miss (a duration: 30m, 3d); after it the delivery fails with subscriber_not_found. Ignored otherwise.",
      examples: ["3d"],
    }),
  })
  // An identifier that renders to nothing is left out; with on_missing: skip the action skips.
  .refine((s) => s.on_missing === "skip" || IDENTIFIERS.some((key) => s[key] !== undefined), {
    error: "expected one of id, cuid, email or phone",
  })
  .meta({
    description:
      "Who: id or cuid are used as they are; email or phone are looked up. The first non-empty of id, cuid, email, phone is used.",
  });

export type SubscriberSelector = z.output<typeof subscriberSchema>;
