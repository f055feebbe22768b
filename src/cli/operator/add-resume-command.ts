import type { Command } from "commander";
import { targetState } from "../../admin/api/response-schemas.ts";
import { stateOf } from "./add-targets-listing.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/** `botbridge resume TARGET`: ends every pause of the target; its deliveries drain at its rate limit. */
export function addResumeCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand(
    program
      .command("resume <target>")
      .description(
        "end a target's pause (by hand, 429 or circuit breaker): its deliveries drain at its rate limit",
      ),
    io,
    async ({ api, io, json, now }, _options, [name]) => {
      const answer = await api.post(
        `/targets/${encodeURIComponent(String(name))}/resume`,
        targetState,
      );
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      io.out(`${answer.data.name}: ${stateOf(answer.data, now)}, ${answer.data.waiting} waiting\n`);
    },
  );
}
