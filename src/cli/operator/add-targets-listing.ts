import type { Command } from "commander";
import { z } from "zod";
import { targetState, type TargetView } from "../../admin/api/response-schemas.ts";
import { formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

const targetList = z.strictObject({ data: z.array(targetState) });

/**
 * `botbridge targets`: each target, paused or not (until when, why), its waiting deliveries
 * and the oldest one's age, its last success and last failure. `targets` may already hold
 * subcommands (`targets check`); they keep working.
 */
export function addTargetsListing(targets: Command, io: OperatorIo): void {
  defineOperatorCommand(targets, io, async ({ api, io, json, now }) => {
    const answer = await api.get("/targets", targetList);
    if (json) {
      io.out(`${answer.text}\n`);
      return;
    }
    if (answer.data.data.length === 0) {
      io.out("no targets\n");
      return;
    }
    io.out(
      `${formatTable(
        ["target", "state", "waiting", "oldest waiting", "last success", "last failure"],
        answer.data.data.map((t) => [
          t.name,
          stateOf(t, now),
          String(t.waiting),
          formatWhen(t.oldest_waiting_at, now),
          formatWhen(t.last_success_at, now),
          t.last_failure_at === null
            ? "-"
            : `${formatWhen(t.last_failure_at, now)}${t.last_error ? ` ${t.last_error}` : ""}`,
        ]),
      )}\n`,
    );
  });
}

/** `ok`, or `paused by operator until 15:00:00 (in 1 h): maintenance`. */
export function stateOf(target: TargetView, now: number): string {
  if (!target.paused) return "ok";
  const until =
    target.paused_until === null
      ? "until resumed"
      : `until ${formatWhen(target.paused_until, now)}`;
  const reason = target.pause_reason ? `: ${target.pause_reason}` : "";
  return `paused by ${target.paused_by ?? "?"} ${until}${reason}`;
}
