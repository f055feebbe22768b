import type { PauseCause } from "../../store/operator-store.ts";
import { explainError } from "./explain-error.ts";
import type { ConsoleText } from "./text-en.ts";

/** What the overview's first sentence is made of. */
export interface HealthFacts {
  hours: number;
  /** The biggest group of recent failures: its target (or route), error and count. */
  worst: { target: string; last_error: string; count: number } | null;
  paused: { name: string; cause: PauseCause | null }[];
  waiting: number;
  oldest_waiting_at: number | null;
  now: number;
}

/** Waiting longer than this is worth a sentence. */
const SLOW_MS = 10 * 60_000;

/** The overview's plain-language sentence: what is wrong and what to do, or that all is well. */
export function healthSentence(
  text: ConsoleText,
  facts: HealthFacts,
): { bad: boolean; sentences: string[] } {
  const sentences: string[] = [];
  if (facts.worst) {
    const explained = explainError(text, facts.worst.last_error);
    const code = explained?.code ?? "other";
    const shown = /^http_\d+$/.test(code) ? `HTTP ${code.slice(5)}` : code;
    sentences.push(
      text.overview.failing(facts.worst.count, facts.worst.target, facts.hours, shown),
    );
    if (explained) sentences.push(explained.hint);
  }
  for (const target of facts.paused)
    sentences.push(
      text.overview.paused(target.name, text.targets.causes[target.cause ?? "operator"]),
    );
  const age = facts.oldest_waiting_at === null ? 0 : facts.now - facts.oldest_waiting_at;
  if (facts.waiting > 0 && age >= SLOW_MS)
    sentences.push(text.overview.waiting(facts.waiting, Math.round(age / 60_000)));
  if (sentences.length === 0)
    return { bad: false, sentences: [text.overview.allWell(facts.hours)] };
  return { bad: true, sentences };
}
