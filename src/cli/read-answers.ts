import { readFileSync } from "node:fs";

/**
 * `explain --answer STEP=FILE`, repeatable: the JSON answer in FILE for the action whose id is
 * STEP, by id; or what is wrong with one of them, as a message.
 */
export function readAnswers(options: readonly string[]): Map<string, unknown> | string {
  const answers = new Map<string, unknown>();
  for (const option of options) {
    const at = option.indexOf("=");
    const step = option.slice(0, at);
    const file = option.slice(at + 1);
    if (at <= 0 || file === "") return `--answer ${option}: expected STEP=FILE`;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      return `--answer ${option}: cannot read ${file}: ${(error as Error).message}`;
    }
    try {
      answers.set(step, JSON.parse(text));
    } catch (error) {
      return `--answer ${option}: ${file} is not JSON: ${(error as Error).message}`;
    }
  }
  return answers;
}
