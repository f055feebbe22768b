import type { Command } from "commander";
import { targetState } from "../../admin/api/response-schemas.ts";
import { stateOf } from "./add-targets-listing.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";
import { parseTimeOption } from "./parse-time-option.ts";

interface PauseOptions {
  until?: string;
  reason?: string;
}

/** `botbridge pause TARGET [--until TIME|DURATION] [--reason TEXT]`: hold its deliveries (none is discarded). */
export function addPauseCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand<PauseOptions>(
    program
      .command("pause <target>")
      .description(
        "hold a target's deliveries (their attempts are not used up) until resumed or --until",
      ),
    io,
    async ({ api, io, json, now }, options, [name]) => {
      const answer = await api.post(
        `/targets/${encodeURIComponent(String(name))}/pause`,
        targetState,
        {
          ...(options.until === undefined
            ? {}
            : { until: parseTimeOption("--until", options.until, now, "future") }),
          ...(options.reason === undefined ? {} : { reason: options.reason }),
        },
      );
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      io.out(`${answer.data.name}: ${stateOf(answer.data, now)}, ${answer.data.waiting} waiting\n`);
    },
  )
    .option(
      "--until <time>",
      "resume by itself then: an ISO time, or a duration from now (30m, 2h)",
    )
    .option("--reason <text>", "why, shown with the target");
}
