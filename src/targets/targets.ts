import { bothelpTarget } from "./bothelp/define-bothelp-target.ts";
import type { TargetKind } from "./define-target.ts";
import { httpTarget } from "./http/define-http-target.ts";
import { metabotTarget } from "./metabot/define-metabot-target.ts";

/**
 * Every target kind botbridge knows, in the order the JSON Schema and docs/configuration.md list
 * them. A new kind is its folder and one line here.
 */
export const TARGET_KINDS = [bothelpTarget, metabotTarget, httpTarget] as const;

/** The kind of a configured target (its `type` was validated against this list). */
export function targetKindOf(type: string): TargetKind {
  const kind: TargetKind | undefined = TARGET_KINDS.find((k) => k.type === type);
  if (kind === undefined) throw new Error(`no target kind "${type}"`);
  return kind;
}
