import { normalizePhone } from "../../templates/normalize-phone.ts";
import type { ActionContext } from "../action-context.ts";
import { ActionError } from "../../targets/action-error.ts";
import type { BothelpTarget } from "../../targets/bothelp/bothelp-target-schema.ts";
import type { SubscriberKey } from "../../targets/bothelp/call-bothelp.ts";
import { findBothelpSubscribers } from "./find-bothelp-subscribers.ts";
import type { SubscriberSelector } from "./subscriber-schema.ts";

/** Lookups follow at most this many pages: one person has a few subscriptions, not hundreds. */
const LOOKUP_PAGES = 5;

/**
 * The subscriptions a subscriber-scoped action applies to. id and cuid are used as given; email
 * and phone are looked up (once per delivery and target: the result is kept in the delivery's
 * cache). No match: fail, skip (an empty list) or wait, as `on_missing` says; several: all,
 * first or fail, as `on_multiple` says. In dry run the lookup reads the dry-run answer (by
 * default one subscriber, id 92); with no answer at hand, a looked-up subscriber shows as id 0.
 */
export async function resolveSubscribers(
  context: ActionContext<BothelpTarget>,
  selector: SubscriberSelector,
): Promise<SubscriberKey[]> {
  const id = present(selector.id);
  if (id !== undefined) return [{ id: Number(id) }];
  const cuid = present(selector.cuid);
  if (cuid !== undefined) return [{ cuid }];
  const email = present(selector.email);
  const phoneInput = present(selector.phone);
  if (email === undefined && phoneInput === undefined) {
    if (selector.on_missing === "skip") return [];
    throw new ActionError(
      "subscriber_not_identified",
      "subscriber: id, cuid, email and phone are all empty in this event",
    );
  }
  const filter =
    email !== undefined
      ? { email: email.trim() }
      : { phone: normalizePhone(phoneInput, context.templates.default_country) };
  const [by, value] = Object.entries(filter)[0] as [string, string];
  const cacheKey = `bothelp:${context.targetName}:lookup:${by}:${value}`;
  let found = context.cache.get(cacheKey) as SubscriberKey[] | undefined;
  if (found === undefined) {
    const { subscribers, unanswered } = await findBothelpSubscribers(context, filter, LOOKUP_PAGES);
    found = unanswered ? [{ id: 0 }] : subscribers.map((s) => ({ id: s.id }));
    if (found.length > 0) context.cache.set(cacheKey, found);
  }
  if (found.length === 0) {
    const message = `no BotHelp subscriber with ${by} ${value}`;
    if (selector.on_missing === "skip") return [];
    if (selector.on_missing === "wait") {
      throw new ActionError("subscriber_not_found", `${message} yet; looking again later`, {
        kind: "wait",
        waitFor: selector.wait_for,
      });
    }
    throw new ActionError("subscriber_not_found", message);
  }
  if (found.length > 1 && selector.on_multiple === "fail") {
    throw new ActionError(
      "multiple_subscribers",
      `${found.length} BotHelp subscriptions have ${by} ${value} (on_multiple: fail)`,
    );
  }
  return selector.on_multiple === "first" ? found.slice(0, 1) : found;
}

function present<T>(value: T | undefined): Exclude<T, ""> | undefined {
  if (value === undefined || value === "") return undefined;
  return value as Exclude<T, "">;
}
