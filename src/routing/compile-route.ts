import type { z } from "zod";
import type { ActionSpec } from "../actions/action-spec.ts";
import { ACTION_ITEM_KEYS } from "./action-item-schema.ts";
import type { TargetConfig } from "../targets/target-schema.ts";
import type { Problem, ProblemPath } from "../core/problem.ts";
import { didYouMean } from "../core/did-you-mean.ts";
import { isTemplate } from "../core/template-string-schema.ts";
import { compileTemplate, type CompiledTemplate } from "../templates/compile-template.ts";
import { compileValue, ValueSyntaxError, type CompiledValue } from "../templates/compile-value.ts";
import { TemplateSyntaxError } from "../templates/template-error.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import { compileCondition, type CompiledCondition } from "./compile-condition.ts";
import { ConditionSyntaxError } from "./condition-syntax-error.ts";
import { compileDryRunAnswer } from "./compile-dry-run-answer.ts";
import { conditionSchema } from "./condition-schema.ts";
import type { RouteConfig } from "./route-schema.ts";

export interface CompiledAction {
  index: number;
  type: string;
  spec: ActionSpec;
  /** The target this action calls (resolved at load, kept in the delivery's snapshot). */
  target: string;
  id?: string;
  when?: CompiledCondition;
  params: CompiledValue;
  /** What the target answers in dry run: the item's dry_run_answer, else its target's. */
  dryRunAnswer?: CompiledValue;
}

export interface CompiledRoute {
  id: string;
  source: string;
  /** The route as written, with every action's target named: stored with each delivery. */
  snapshot: Record<string, unknown>;
  config: RouteConfig;
  when?: CompiledCondition;
  orderBy?: CompiledTemplate;
  actions: CompiledAction[];
}

export interface RouteCompileContext {
  actions: ReadonlyMap<string, ActionSpec>;
  functions: TemplateFunctions;
  /** Targets by name: their type, and their dry_run_answer for the actions that declare none. */
  targets: Readonly<Record<string, Pick<TargetConfig, "type" | "dry_run_answer">>>;
  sources: readonly string[];
  /** The route schema built for these actions (see createRouteSchema). */
  schema: z.ZodType;
}

type Raw = Record<string, unknown>;

/**
 * Compiles a route as written (for instance a delivery's snapshot). Every problem it can see is
 * reported, even in a route whose shape is also wrong: the source and targets exist, templates
 * and conditions compile. The route comes back compiled only when it is valid throughout.
 */
export function compileRoute(
  raw: unknown,
  context: RouteCompileContext,
): { route?: CompiledRoute; problems: Problem[] } {
  const problems: Problem[] = [];
  const route: Raw = isRecord(raw) ? raw : {};
  if (typeof route.source === "string") checkSource(route.source, context.sources, problems);
  const when = conditionOrProblem(route.when, ["when"], context.functions, problems);
  const orderBy = isTemplate(route.order_by)
    ? templateOrProblem(route.order_by, ["order_by"], context.functions, problems)
    : undefined;
  const actions: CompiledAction[] = [];
  const snapshotActions: unknown[] = [];
  const ids = new Set<string>();
  const items = Array.isArray(route.actions) ? (route.actions as unknown[]) : [];
  items.forEach((entry, index) => {
    const item: Raw = isRecord(entry) ? entry : {};
    const here: ProblemPath = ["actions", index];
    const type =
      Object.keys(item).find((k) => !(ACTION_ITEM_KEYS as readonly string[]).includes(k)) ?? "";
    const spec = context.actions.get(type);
    if (typeof item.id === "string") {
      if (ids.has(item.id))
        problems.push({
          path: [...here, "id"],
          message: `duplicate action id "${item.id}" in this route`,
        });
      ids.add(item.id);
    }
    const target = spec ? resolveTarget(item, spec, context.targets, here, problems) : undefined;
    const params = paramsOrProblem(item[type], [...here, type], context.functions, problems, spec);
    const actionWhen = conditionOrProblem(
      item.when,
      [...here, "when"],
      context.functions,
      problems,
    );
    const own = compileDryRunAnswer(item.dry_run_answer, context.functions);
    problems.push(
      ...own.problems.map((p) => ({ ...p, path: [...here, "dry_run_answer", ...p.path] })),
    );
    // A target's answer that does not compile is reported at the target, by the loader.
    const answer =
      own.answer ??
      (target
        ? compileDryRunAnswer(context.targets[target]?.dry_run_answer, context.functions).answer
        : undefined);
    snapshotActions.push(target ? { ...item, target } : item);
    if (spec && target && params) {
      actions.push({
        index,
        type,
        spec,
        target,
        params,
        ...(typeof item.id === "string" ? { id: item.id } : {}),
        ...(actionWhen ? { when: actionWhen } : {}),
        ...(answer ? { dryRunAnswer: answer } : {}),
      });
    }
  });
  const valid = context.schema.safeParse(raw);
  if (problems.length > 0 || !valid.success) return { problems };
  const config = valid.data as RouteConfig;
  return {
    problems,
    route: {
      id: config.id,
      source: config.source,
      snapshot: { ...route, actions: snapshotActions },
      config,
      actions,
      ...(when ? { when } : {}),
      ...(orderBy ? { orderBy } : {}),
    },
  };
}

function checkSource(source: string, sources: readonly string[], problems: Problem[]): void {
  if (sources.includes(source)) return;
  const known = sources.length === 0 ? "; no sources are defined" : didYouMean(source, sources);
  problems.push({ path: ["source"], message: `unknown source "${source}"${known}` });
}

function resolveTarget(
  item: Raw,
  spec: ActionSpec,
  targets: RouteCompileContext["targets"],
  here: ProblemPath,
  problems: Problem[],
): string | undefined {
  if (item.target !== undefined) {
    if (typeof item.target !== "string") return undefined;
    const chosen = targets[item.target];
    if (!chosen) {
      problems.push({
        path: [...here, "target"],
        message: `unknown target "${item.target}"${didYouMean(item.target, Object.keys(targets))}`,
      });
      return undefined;
    }
    if (chosen.type !== spec.target) {
      problems.push({
        path: [...here, "target"],
        message: `target "${item.target}" is of type ${chosen.type}; ${spec.type} needs a ${spec.target} target`,
      });
      return undefined;
    }
    return item.target;
  }
  const ofKind = Object.entries(targets)
    .filter(([, t]) => t.type === spec.target)
    .map(([name]) => name);
  if (ofKind.length === 1) return ofKind[0];
  problems.push({
    path: [...here, spec.type],
    message:
      ofKind.length === 0
        ? `no ${spec.target} target is configured; add one under targets:`
        : `several ${spec.target} targets (${ofKind.join(", ")}); name one with target:`,
    atKey: true,
  });
  return undefined;
}

function paramsOrProblem(
  value: unknown,
  path: ProblemPath,
  functions: TemplateFunctions,
  problems: Problem[],
  spec: ActionSpec | undefined,
): CompiledValue | undefined {
  try {
    return compileValue(value ?? {}, functions, { pathParams: spec?.pathParams ?? [] });
  } catch (error) {
    if (!(error instanceof ValueSyntaxError)) throw error;
    for (const mistake of error.mistakes)
      problems.push({
        path: [...path, ...mistake.path],
        message: mistake.message,
        offset: mistake.offset,
      });
    return undefined;
  }
}

function conditionOrProblem(
  value: unknown,
  path: ProblemPath,
  functions: TemplateFunctions,
  problems: Problem[],
): CompiledCondition | undefined {
  if (value === undefined) return undefined;
  const condition = conditionSchema.safeParse(value);
  if (!condition.success) return undefined;
  try {
    return compileCondition(condition.data, functions);
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    problems.push({
      path: [...path, ...error.path],
      message: error.message,
      atKey: error.atKey,
      offset: error.offset,
    });
    return undefined;
  }
}

function templateOrProblem(
  text: string,
  path: ProblemPath,
  functions: TemplateFunctions,
  problems: Problem[],
): CompiledTemplate | undefined {
  try {
    return compileTemplate(text, functions);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    problems.push({ path, message: error.message, offset: error.offset });
    return undefined;
  }
}

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
