import { z } from "zod";

/**
 * `dry_run_answer:` of a target or of an action item: what the target answers, in dry run and in
 * `botbridge explain`, instead of a real call. Declared once here for both places.
 */
export const dryRunAnswerSchema = z
  .unknown()
  .optional()
  .meta({
    title: "dry-run answer",
    description:
      "What the target answers this action's call in dry run and in botbridge explain, where nothing is sent: any JSON value, the API's answer body (the action makes its output of it as of a real answer, so later actions see it as steps.<id>). Strings may be {{ templates }} over params (the action's rendered params), request (method, path, query and body as they would be sent) and what the action's params see (body, steps, ...). On an action item it answers that action; on a target, every action on it that declares none. Without either, the action's built-in answer (docs/actions.md).",
    examples: [{ id: 42, status: "created" }],
  });
