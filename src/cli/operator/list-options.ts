import { InvalidArgumentError, Option, type Command } from "commander";

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
export function morePages(command: string, cursor: string | null): string {
  return cursor === null ? "" : `\nmore: botbridge ${command} --cursor ${cursor}`;
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
