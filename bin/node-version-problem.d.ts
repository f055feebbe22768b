// The types of node-version-problem.js (plain JavaScript, so that any Node can read it).
export function neededMajor(): number;
export function nodeVersionProblem(
  version: string,
  platform: string,
  arch: string,
): string | undefined;
