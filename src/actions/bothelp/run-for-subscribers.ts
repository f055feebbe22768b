import type { ActionContext } from "../action-context.ts";
import type { BothelpTarget } from "../../targets/bothelp/bothelp-target-schema.ts";
import type { SubscriberKey } from "../../targets/bothelp/call-bothelp.ts";
import { resolveSubscribers } from "./resolve-subscribers.ts";
import type { SubscriberSelector } from "./subscriber-schema.ts";

/** What a subscriber-scoped action records as its output (`steps.<id>`). */
export interface SubscriberActionOutput {
  /** The subscriptions acted on, by id or cuid. */
  subscribers: SubscriberKey[];
  /** True when nobody matched and `on_missing: skip` let the action pass. */
  skipped: boolean;
}

export const SUBSCRIBER_ACTION_OUTPUT =
  "`{ subscribers: [{ id } | { cuid }], skipped }`: the subscriptions acted on; `skipped` when nobody matched and on_missing is skip.";

/** Resolves `subscriber:` and runs `act` for each subscription, one after the other. */
export async function runForSubscribers(
  context: ActionContext<BothelpTarget>,
  selector: SubscriberSelector,
  act: (subscriber: SubscriberKey) => Promise<unknown>,
): Promise<SubscriberActionOutput> {
  const subscribers = await resolveSubscribers(context, selector);
  for (const subscriber of subscribers) await act(subscriber);
  return { subscribers, skipped: subscribers.length === 0 };
}
