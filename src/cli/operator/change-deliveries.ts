import { CliFailure, EXIT, type ExitCode } from "./cli-failure.ts";
import {
  change,
  estimate as estimateSchema,
  operation as operationSchema,
} from "../../admin/api/response-schemas.ts";
import { usageError, type OperatorContext } from "./operator-command.ts";
import { describeFilter, parseFilter } from "./parse-filter.ts";

export interface ChangeOptions {
  filter?: string[];
  force?: boolean;
  yes?: boolean;
}

const PAST = { retry: "retried", cancel: "cancelled" } as const;
const POLL_MS = 500;

/**
 * Retries or cancels deliveries: each id given, one call each (an unknown id or a conflict is
 * reported and the rest go on, exit 1); or every delivery a filter matches: the estimate first,
 * a confirmation unless --yes, then the background operation followed until it is done.
 */
export async function changeDeliveries(
  kind: "retry" | "cancel",
  context: OperatorContext,
  ids: readonly string[],
  options: ChangeOptions,
): Promise<ExitCode> {
  const filters = options.filter ?? [];
  if (ids.length > 0 && filters.length > 0)
    throw usageError("give delivery ids or --filter, not both");
  if (ids.length === 0 && filters.length === 0)
    throw usageError("give delivery ids or --filter key=value");
  const body = kind === "retry" ? { force: options.force === true } : {};
  if (ids.length > 0) return changeEach(kind, context, ids, body);
  const { api, io, json } = context;
  const filter = parseFilter(filters, context.now);
  const estimate = await api.post(`/deliveries/${kind}`, estimateSchema, {
    ...body,
    filter,
    estimate: true,
  });
  const count = estimate.data.total;
  const what = `${count} deliver${count === 1 ? "y" : "ies"} (${describeFilter(filter)})`;
  if (count === 0) {
    io.err(`nothing to ${kind}: no deliveries match ${describeFilter(filter)}\n`);
    if (json) io.out(`${estimate.text}\n`);
    return EXIT.ok;
  }
  if (options.yes !== true && !(await io.confirm(`${kind} ${what}? [y/N] `))) {
    io.err(`not ${PAST[kind]}\n`);
    return EXIT.failed;
  }
  const started = await api.post(`/deliveries/${kind}`, operationSchema, { ...body, filter });
  let operation = started;
  while (operation.data.status === "running") {
    io.err(`${kind}: ${operation.data.done} of ${operation.data.total} done\n`);
    await io.wait(POLL_MS);
    operation = await api.get(
      `/operations/${encodeURIComponent(started.data.id)}`,
      operationSchema,
    );
  }
  const { status, done, changed, error } = operation.data;
  if (json) io.out(`${operation.text}\n`);
  else {
    const skipped = done - changed;
    io.out(
      `${PAST[kind]} ${changed} of ${operation.data.total} deliver${operation.data.total === 1 ? "y" : "ies"}` +
        `${skipped > 0 ? ` (${skipped} had changed meanwhile and were left alone)` : ""}\n`,
    );
  }
  if (status === "failed") {
    io.err(`botbridge: operation_failed: ${error ?? "the operation stopped"}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

async function changeEach(
  kind: "retry" | "cancel",
  { api, io, json }: OperatorContext,
  ids: readonly string[],
  body: Record<string, unknown>,
): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  for (const id of ids) {
    try {
      const answer = await api.post(`/deliveries/${encodeURIComponent(id)}/${kind}`, change, body);
      io.out(json ? `${answer.text}\n` : `${answer.data.status}: ${answer.data.message}\n`);
    } catch (error) {
      if (!(error instanceof CliFailure) || error.exitCode !== EXIT.failed) throw error;
      io.err(`botbridge: ${error.code}: ${id}: ${error.message}\n`);
      code = EXIT.failed;
    }
  }
  return code;
}
