import { InvalidArgumentError, Option, type Command } from "commander";
import type { ApiAnswer } from "./create-api-client.ts";
import type { OperatorIo } from "./operator-io.ts";

export const DELIVERY_STATUSES = [
  "pending",
  "running",
  "succeeded",
  "failed",
  "cancelled",
] as const;

/** `--status`, one of the delivery statuses (anything else is a usage error). */
export function statusOption(description: string): Option {
  return new Option("--status <status>", description).choices(DELIVERY_STATUSES);
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** `--limit N` and `--cursor C` of a paginated list. */
export function addPageOptions(command: Command): Command {
  return command
    .option("--limit <n>", "how many to list (the server caps it)", parseCount)
    .option("--cursor <cursor>", "the next page: the cursor the previous page printed");
}

/** The line under a table that has more pages. */
function morePages(command: string, cursor: string | null): string {
  return cursor === null ? "" : `\nmore: botbridge ${command} --cursor ${cursor}`;
}

/**
 * Prints a page of a list: the API's JSON as it answered with `--json`, `empty` when it has no
 * rows, else the rows as `table` makes them and the command for the next page.
 */
export function printPage<T>(
  io: OperatorIo,
  json: boolean,
  answer: ApiAnswer<{ data: T[]; next_cursor: string | null }>,
  list: { command: string; empty: string; table: (rows: T[]) => string },
): void {
  if (json) {
    io.out(`${answer.text}\n`);
    return;
  }
  const { data, next_cursor } = answer.data;
  if (data.length === 0) {
    io.out(`${list.empty}\n`);
    return;
  }
  io.out(`${list.table(data)}${morePages(list.command, next_cursor)}\n`);
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError("expected a whole number above 0");
  return n;
}

/** `--filter key=value`, repeatable: the deliveries a bulk retry or cancel touches. */
export function filterOption(): Option {
  return new Option(
    "--filter <key=value>",
    "every delivery that matches (repeatable; keys: status, route, target, event, error_code, since, until)",
  ).argParser((value: string, all: string[] | undefined) => [...(all ?? []), value]);
}
