import { z } from "zod";

export const CONDITION_OPERATORS = [
  "all",
  "any",
  "not",
  "equals",
  "in",
  "matches",
  "exists",
  "gt",
  "gte",
  "lt",
  "lte",
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A condition: a JSONata boolean expression, or a node with exactly one operator. */
export type Condition = string | ConditionNode;

export interface ConditionNode {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  equals?: Record<string, unknown>;
  in?: Record<string, unknown[]>;
  matches?: Record<string, string>;
  exists?: string | string[];
  gt?: Record<string, number | string>;
  gte?: Record<string, number | string>;
  lt?: Record<string, number | string>;
  lte?: Record<string, number | string>;
}

const pathMap = <T extends z.ZodType>(value: T) =>
  z.record(z.string().meta({ title: "path" }), value).refine((map) => Object.keys(map).length > 0, {
    message: "expected at least one path",
  });
const bound = pathMap(z.union([z.number(), z.string()]));

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.string().min(1).meta({ description: "A JSONata boolean expression, e.g. body.amount > 100" }),
    z
      .strictObject({
        all: z
          .array(conditionSchema)
          .min(1)
          .optional()
          .meta({
            description: "Every condition holds.",
            examples: [[{ equals: { "body.formid": "form1" } }, { exists: "body.Phone" }]],
          }),
        any: z
          .array(conditionSchema)
          .min(1)
          .optional()
          .meta({
            description: "At least one condition holds.",
            examples: [[{ exists: "body.Phone" }, { exists: "body.Email" }]],
          }),
        not: conditionSchema.optional().meta({
          description: "The condition does not hold.",
          examples: [{ equals: { "body.test": "test" } }],
        }),
        equals: pathMap(z.unknown())
          .optional()
          .meta({
            description:
              "Each JSONata path equals its value (a number and its digits as text are equal).",
            examples: [{ "body.formid": "form123456789", "body.leads.status[0].status_id": 142 }],
          }),
        in: pathMap(z.array(z.unknown()))
          .optional()
          .meta({
            description: "Each path's value is one of the list.",
            examples: [{ "body.status": ["paid", "refunded"] }],
          }),
        matches: pathMap(z.string())
          .optional()
          .meta({
            description:
              "Each path's value, as text, matches the regular expression (`/re/i` for flags).",
            examples: [{ "body.Email": "/@example\\.com$/i" }],
          }),
        exists: z
          .union([z.string(), z.array(z.string()).min(1)])
          .optional()
          .meta({
            description: "Each path has a value (not absent, not null).",
            examples: [["body.Phone", "body.Email"]],
          }),
        gt: bound.optional().meta({
          description: "Each path's value is greater than the number.",
          examples: [{ "body.amount": 100 }],
        }),
        gte: bound.optional().meta({
          description: "Each path's value is at least the number.",
          examples: [{ "body.amount": 100 }],
        }),
        lt: bound.optional().meta({
          description: "Each path's value is less than the number.",
          examples: [{ "body.amount": 100 }],
        }),
        lte: bound.optional().meta({
          description: "Each path's value is at most the number.",
          examples: [{ "body.amount": 100 }],
        }),
      })
      .refine((node) => Object.keys(node).length === 1, {
        params: { condition_operators: true },
        message: `a condition is exactly one of: ${CONDITION_OPERATORS.join(", ")}`,
      }),
  ]),
);
