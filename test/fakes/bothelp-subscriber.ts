/** A flow (BotHelp "bot") a subscriber is in, with the step it was started at. */
export interface ActiveFlow {
  botReferral: string;
  stepReferral: string | null;
}

/** Everything the BotHelp fake keeps about one subscriber. */
export interface BothelpSubscriber {
  id: number;
  cuid: string;
  userId: number | null;
  /** Unix seconds. */
  createdAt: number;
  subscribed: boolean;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** Stored E.164, e.g. "+79991234567"; the phone filter matches it exactly. */
  phone: string | null;
  notes: string | null;
  channelName: string;
  channelType: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
  prodamusProfileId: string | null;
  yaClientId: string | null;
  tags: string[];
  customFields: Record<string, string>;
  /** The `content` of every message sent to this subscriber, in order. */
  messages: string[];
  /** Flows the subscriber is in (POST/DELETE /bot). */
  bots: ActiveFlow[];
  /** Referrals of the sequences the subscriber is in (POST/DELETE /funnel). */
  funnels: string[];
}

export type NewBothelpSubscriber = Partial<BothelpSubscriber> & { id: number; cuid: string };

/** A full subscriber from the fields a test gives; `nowSeconds` is the default createdAt. */
export function createBothelpSubscriber(
  input: NewBothelpSubscriber,
  nowSeconds: number,
): BothelpSubscriber {
  if (!Number.isInteger(input.id)) throw new Error(`subscriber id must be an integer: ${input.id}`);
  return {
    userId: null,
    createdAt: nowSeconds,
    subscribed: true,
    name: null,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    notes: null,
    channelName: "Test Telegram bot",
    channelType: "telegram",
    utmSource: "",
    utmMedium: "",
    utmCampaign: "",
    utmContent: "",
    utmTerm: "",
    prodamusProfileId: null,
    yaClientId: null,
    tags: [],
    customFields: {},
    messages: [],
    bots: [],
    funnels: [],
    ...structuredClone(input),
  };
}

/** The subscriber as `GET /v1/subscribers/` shows it (the reference's field names only). */
export function toSubscriberResource(subscriber: BothelpSubscriber): Record<string, unknown> {
  return {
    id: subscriber.id,
    cuid: subscriber.cuid,
    userId: subscriber.userId,
    createdAt: subscriber.createdAt,
    subscribed: subscriber.subscribed,
    name: subscriber.name,
    email: subscriber.email,
    phone: subscriber.phone,
    channelName: subscriber.channelName,
    channelType: subscriber.channelType,
    utmSource: subscriber.utmSource,
    utmMedium: subscriber.utmMedium,
    utmCampaign: subscriber.utmCampaign,
    utmContent: subscriber.utmContent,
    utmTerm: subscriber.utmTerm,
    tags: [...subscriber.tags],
    prodamusProfileId: subscriber.prodamusProfileId,
    yaClientId: subscriber.yaClientId,
  };
}
