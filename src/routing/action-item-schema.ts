import { z } from "zod";
import { didYouMean } from "../core/did-you-mean.ts";
import { dryRunAnswerSchema } from "../core/dry-run-answer-schema.ts";
import { issueMessage } from "../core/issue-message.ts";
import { templatable } from "../core/templatable.ts";
import { conditionSchema } from "./condition-schema.ts";
import type { ActionSpec } from "../actions/action-spec.ts";

export const ACTION_ITEM_KEYS = ["id", "when", "target", "dry_run_answer"] as const;

const itemFields = {
  id: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: "expected a name of letters, digits and _ (it is used as steps.<id>)",
    })
    .optional()
    .meta({
      description: "Names this action's output for later actions: steps.<id>.",
      examples: ["contact"],
    }),
  when: conditionSchema.optional().meta({
    description: "Run this action only when the condition holds.",
    examples: [{ exists: "steps.contact.body.phone" }],
  }),
  target: z
    .string()
    .optional()
    .meta({
      description: "Which target to call, when several have this action's kind.",
      examples: ["crm"],
    }),
  dry_run_answer: dryRunAnswerSchema,
};

/** The one key of an item besides id, when, target and dry_run_answer: the action's type, holding its params. */
const actionParams = z.unknown().meta({
  title: "action type",
  description:
    "The action and its params, written `<action type>: { params }`; every action and its params are in [docs/actions.md](actions.md).",
  examples: [{ "http.request": { method: "GET", path: "/contacts/{{ body.contact_id }}" } }],
});

const itemSchema = z.object(itemFields).catchall(actionParams);

/**
 * An action item: `{ <action type>: params }` plus optional id, when, target and dry_run_answer. Validation
 * looks up the action type first, so a mistake is reported against that action's own params.
 */
export function createActionItemSchema(actions: readonly ActionSpec[]): z.ZodType {
  const byType = new Map(actions.map((a) => [a.type, templatable(a.params)]));
  const types = actions.map((a) => a.type);
  return itemSchema.superRefine((item, ctx) => {
    const keys = Object.keys(item).filter(
      (k) => !(ACTION_ITEM_KEYS as readonly string[]).includes(k),
    );
    if (keys.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `expected an action such as ${types[0] ?? "bothelp.add_tags"}: {...}`,
      });
    }
    if (keys.length > 1) {
      ctx.addIssue({ code: "custom", message: `one action per item, found ${keys.join(", ")}` });
    }
    for (const key of keys) {
      const params = byType.get(key);
      if (!params) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          params: { at_key: true },
          message: `unknown action type "${key}"${didYouMean(key, [...types, ...ACTION_ITEM_KEYS])}`,
        });
        continue;
      }
      const result = params.safeParse(item[key] ?? {}, { error: issueMessage });
      for (const issue of result.error?.issues ?? []) {
        ctx.addIssue({ ...issue, path: [key, ...issue.path] });
      }
    }
  });
}

/** For the JSON Schema: one strict object per action type, for editor completion. */
export function createActionItemUnion(actions: readonly ActionSpec[]): z.ZodType {
  const items = actions.map((a) =>
    z
      .strictObject({ [a.type]: templatable(a.params), ...itemFields })
      .meta({ title: a.type, description: a.summary }),
  );
  if (items.length === 0) return z.never();
  return items.length === 1
    ? (items[0] as z.ZodType)
    : z.union(items as unknown as [z.ZodType, z.ZodType]);
}
