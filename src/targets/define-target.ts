import type { z } from "zod";
import type { TargetStartupCheck } from "./target-check.ts";

/** What every target kind's settings hold (its `type` and the fields of targetFields). */
export interface TargetSettings {
  type: string;
  dry_run: boolean;
  dry_run_answer?: unknown;
  timeout?: number | undefined;
  rate_limit?: number | undefined;
}

/** A kind's schema: an object with a literal `type`, the union's discriminator. */
export type TargetSchema = z.ZodObject<{ type: z.ZodLiteral<string> }> & z.ZodType<TargetSettings>;

/** Where a target's calls go and what each of them carries. */
export interface TargetEndpoint {
  /** Every call's path is joined under it. */
  baseUrl: string;
  /** Sent with every call (e.g. an API token); a call's own headers win. */
  headers: Record<string, string>;
}

/** A target kind: what routes.yaml, the JSON Schema and the docs know of it, and how it is called. */
export interface TargetKind<S extends TargetSchema = TargetSchema> {
  /** The value of `type:` in routes.yaml, taken from the schema. */
  type: string;
  /** Its name in messages, e.g. "BotHelp". */
  title: string;
  /** The single source of its settings' validation, type, JSON Schema and docs. */
  schema: S;
  endpoint(target: TargetSettings): TargetEndpoint;
  check?: TargetStartupCheck<TargetSettings>;
  credentials?: TargetCredentials;
}

/** How a kind authenticates: the settings that hold its credentials, and the answers that refuse them. */
export interface TargetCredentials {
  /** Settings whose values are the credentials (a reload that changes one resumes a held target). */
  fields: readonly string[];
  /** Statuses of a call (not accepted by it) that mean the credentials were refused. */
  refusedStatuses: readonly number[];
}

/**
 * Declares a target kind once, next to its schema: its title, where its calls go and with which
 * headers, and an optional start-up check. Listed in targets.ts, it is a member of the targets
 * union of routes.yaml and gets a runtime (HTTP pool, rate limit, time limit) per configured target.
 */
export function defineTarget<S extends TargetSchema>(definition: {
  title: string;
  schema: S;
  endpoint(target: z.output<S>): TargetEndpoint;
  check?: TargetStartupCheck<z.output<S>>;
  credentials?: TargetCredentials;
}): TargetKind<S> {
  const { check } = definition;
  const own = (target: TargetSettings) => target as z.output<S>;
  return {
    type: definition.schema.shape.type.value,
    title: definition.title,
    schema: definition.schema,
    endpoint: (target) => definition.endpoint(own(target)),
    ...(definition.credentials ? { credentials: definition.credentials } : {}),
    ...(check
      ? {
          check: {
            subject: check.subject,
            atStart: (target, uses) => check.atStart(own(target), uses),
            run: (context, uses) => check.run({ ...context, target: own(context.target) }, uses),
          },
        }
      : {}),
  };
}
