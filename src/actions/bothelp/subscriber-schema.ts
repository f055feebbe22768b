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
        "Several subscriptions match an email or phone: act on all, on the first, or fail.",
    }),
    on_missing: z.enum(["fail", "skip", "wait"]).default("fail").meta({
      description:
        "Nobody matches: fail the delivery, skip this action, or wait (look again on the retry schedule, using up no attempts) until wait_for.",
    }),
    wait_for: durationSchema
      .prefault("7d")
      .meta({ description: "With on_missing: wait, how long to keep looking." }),
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
