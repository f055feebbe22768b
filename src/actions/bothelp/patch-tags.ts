import type { ActionContext } from "../action-context.ts";
import { bothelpOperation } from "../../targets/bothelp/bothelp-operations.ts";
import type { BothelpTarget } from "../../targets/bothelp/bothelp-target-schema.ts";
import { callBothelp } from "../../targets/bothelp/call-bothelp.ts";
import { runForSubscribers, type SubscriberActionOutput } from "./run-for-subscribers.ts";
import type { SubscriberSelector } from "./subscriber-schema.ts";
import { parseTags } from "./tags-schema.ts";

/**
 * `PATCH /v1/subscribers/{id}` with `[{"op": "add"|"remove", "path": "/tags", "value": [...]}]`
 * (the API refuses `replace` on /tags). No tags: nothing is sent.
 */
export async function patchTags(
  context: ActionContext<BothelpTarget>,
  params: { subscriber: SubscriberSelector; tags: string | string[] },
  op: "add" | "remove",
): Promise<SubscriberActionOutput> {
  const tags = parseTags(params.tags);
  if (tags.length === 0) return { subscribers: [], skipped: true };
  const operation = bothelpOperation(
    op === "add" ? "add_tags" : "remove_tags",
    context.target.operations,
  );
  return runForSubscribers(context, params.subscriber, (subscriber) =>
    callBothelp(context, { operation, subscriber, json: [{ op, path: "/tags", value: tags }] }),
  );
}
