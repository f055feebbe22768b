import type { WhyNot } from "./compile-condition.ts";

/**
 * Why a condition did not hold, in the words `botbridge explain`, the operator API and the
 * console all use: `all[1].equals.body.formid: expected "7", saw "8"`.
 */
export function describeWhyNot(why: WhyNot): string {
  return `${why.at}: expected ${why.expected}, saw ${showSeen(why.seen)}`;
}

/** A value a condition saw: JSON, or `nothing` when it was absent. */
export function showSeen(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
