import type { Command } from "commander";
import { replayResult, type PlannedRouteView } from "../../admin/api/response-schemas.ts";
import { formatVerdicts } from "./add-event-command.ts";
import { formatTable } from "./format-table.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

interface ReplayOptions {
  original?: boolean;
  dryRun?: boolean;
}

/** `botbridge replay EVENT_ID [--original] [--dry-run]`: route a stored event again (never through dedupe). */
export function addReplayCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand<ReplayOptions>(
    program
      .command("replay <event-id>")
      .description(
        "route a stored event again with today's routes.yaml (or the rules it was accepted under) and deliver what matches; never goes through dedupe",
      ),
    io,
    async ({ api, io, json }, options, [id]) => {
      const answer = await api.post(
        `/events/${encodeURIComponent(String(id))}/replay`,
        replayResult,
        {
          rules: options.original === true ? "original" : "current",
          dry_run: options.dryRun === true,
        },
      );
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      const replay = answer.data;
      const parts = [
        replay.routes.length === 0 ? "no route matches" : formatPlanned(replay.routes),
      ];
      if (replay.unmatched.length > 0)
        parts.push(`Not matched:\n${formatVerdicts(replay.unmatched)}`);
      if (replay.differences.length > 0)
        parts.push(
          `Differs from the event's deliveries:\n${replay.differences.map((d) => `  ${d}`).join("\n")}`,
        );
      const count = replay.deliveries.length;
      parts.push(
        replay.dry_run
          ? `Dry run with the ${replay.rules} rules: nothing stored or sent (dedupe ${replay.dedupe}).`
          : `Replayed with the ${replay.rules} rules (dedupe ${replay.dedupe}): ${count} new deliver${count === 1 ? "y" : "ies"}` +
              replay.deliveries.map((d) => `\n  ${d}`).join(""),
      );
      io.out(`${parts.join("\n\n")}\n`);
    },
  )
    .option("--original", "use the route rules the event was accepted under, not today's")
    .option(
      "--dry-run",
      "show which routes would match and what would be sent; store and send nothing",
    );
}

/** The routes that match, with their first action rendered (or why it could not be). */
function formatPlanned(routes: readonly PlannedRouteView[]): string {
  return formatTable(
    ["route", "first action", "target", "params"],
    routes.map(({ id, first_action: action }) => [
      id,
      action?.type ?? "-",
      action?.target ?? "-",
      action === null
        ? ""
        : (action.skipped ??
          action.error ??
          action.problems?.join("; ") ??
          JSON.stringify(action.params)),
    ]),
  );
}
