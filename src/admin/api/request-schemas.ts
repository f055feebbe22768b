import { z } from "zod";

export const STATUSES = ["pending", "running", "succeeded", "failed", "cancelled"] as const;

const time = z.iso
  .datetime({ offset: true })
  .meta({ description: "ISO 8601 with a time zone", examples: ["2026-12-06T10:00:00Z"] });
const status = z.enum(STATUSES).meta({ description: "A delivery status." });

export const pageQuery = z.strictObject({
  cursor: z.string().min(1).optional().meta({ description: "The previous page's next_cursor." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .meta({ description: "Items per page, 1 to 500 (default 50)." }),
});

export const eventsQuery = pageQuery.extend({
  source: z.string().optional().meta({ description: "Events of this source." }),
  route: z.string().optional().meta({ description: "Events with a delivery of this route." }),
  status: status.optional().meta({ description: "Events with a delivery in this status." }),
  since: time.optional().meta({ description: "Received at or after." }),
  until: time.optional().meta({ description: "Received before." }),
  q: z
    .string()
    .max(500)
    .optional()
    .meta({
      description:
        "Text search over the stored request; a phone number or e-mail also finds other spellings of it (`8 (912) 345-67-89` finds `+79123456789`).",
      examples: ["8 (912) 345-67-89"],
    }),
});

export const deliveryFilter = z.strictObject({
  status: status.optional(),
  route: z.string().optional().meta({ description: "Deliveries of this route." }),
  target: z.string().optional().meta({ description: "The target of the next (or last) action." }),
  event_id: z.string().optional(),
  error_code: z
    .string()
    .optional()
    .meta({ description: "The code the last error begins with.", examples: ["http_401"] }),
  since: time.optional().meta({ description: "Created at or after." }),
  until: time.optional().meta({ description: "Created before." }),
});

export const deliveriesQuery = pageQuery.extend(deliveryFilter.shape);

export const statsQuery = z.strictObject({
  window: z
    .string()
    .regex(/^\d+(s|m|h|d)$/, { error: "expected a duration such as 30m, 24h or 7d" })
    .default("24h")
    .meta({ description: "How far back the counts go (s, m, h, d).", examples: ["1h"] }),
});

export const retryBody = z
  .strictObject({
    force: z
      .boolean()
      .default(false)
      .meta({ description: "Re-run a succeeded delivery from its first action." }),
  })
  .prefault({});

export const bulkBody = z.strictObject({
  filter: deliveryFilter.prefault({}),
  estimate: z
    .boolean()
    .default(false)
    .meta({ description: "Only count what the call would touch; change nothing." }),
  force: z.boolean().default(false).meta({ description: "Retry only: re-run succeeded ones too." }),
});

export const replayBody = z
  .strictObject({
    rules: z.enum(["current", "original"]).default("current").meta({
      description:
        "current: today's routes.yaml routes the stored event again; original: the route snapshots of the event's deliveries run again.",
    }),
    dry_run: z
      .boolean()
      .default(false)
      .meta({ description: "Answer what would happen; store and send nothing." }),
  })
  .prefault({});

export const pauseBody = z
  .strictObject({
    until: time
      .optional()
      .meta({ description: "When the pause ends by itself; none: until resumed." }),
    reason: z.string().max(500).optional(),
  })
  .prefault({});

export type EventsQuery = z.output<typeof eventsQuery>;
export type DeliveriesQuery = z.output<typeof deliveriesQuery>;
export type DeliveryFilterInput = z.output<typeof deliveryFilter>;
export type ReplayInput = z.output<typeof replayBody>;
export type PauseInput = z.output<typeof pauseBody>;
