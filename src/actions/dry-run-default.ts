/** One call of an action as a dry-run answer sees it: the action's params and the request. */
export interface DryRunCall {
  /** The action's params, rendered and validated. */
  params: unknown;
  /** The request as it would be sent: `path` under the target's base URL, `body` JSON or form. */
  request: {
    method: string;
    path: string;
    query: Record<string, unknown>;
    body?: unknown;
  };
}

/**
 * An action's built-in dry-run answer: what its target's API answers a call, as far as that is
 * known, so a chain previews with realistic values when routes.yaml declares no dry_run_answer.
 */
export interface DryRunDefault {
  /** What it answers, for docs/actions.md. */
  description: string;
  answer(call: DryRunCall): unknown;
}
