import type { Command } from "commander";
import { replaySchema } from "./pending-api-schemas.ts";
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
        replaySchema,
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
      const routes = formatTable(
        ["route", "matched", "why not"],
        replay.routes.map((r) => [
          r.route_id,
          r.matched ? "yes" : "no",
          r.matched ? "" : (r.reason ?? ""),
        ]),
      );
      const created = replay.deliveries ?? [];
      const outcome = replay.dry_run
        ? `dry run with the ${replay.rules} rules: nothing stored or sent`
        : `replayed with the ${replay.rules} rules: ${created.length} new deliver${created.length === 1 ? "y" : "ies"}` +
          created.map((d) => `\n  ${d.id} (${d.route_id})`).join("");
      io.out(`${routes}\n\n${outcome}\n`);
    },
  )
    .option("--original", "use the route rules the event was accepted under, not today's")
    .option(
      "--dry-run",
      "show which routes would match and what would be sent; store and send nothing",
    );
}
