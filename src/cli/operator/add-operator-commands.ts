import type { Command } from "commander";
import { addAuditCommand } from "./add-audit-command.ts";
import { addCancelCommand } from "./add-cancel-command.ts";
import { addDeliveriesCommand } from "./add-deliveries-command.ts";
import { addDeliveryCommand } from "./add-delivery-command.ts";
import { addEventCommand } from "./add-event-command.ts";
import { addEventsCommand } from "./add-events-command.ts";
import { addPauseCommand } from "./add-pause-command.ts";
import { addReplayCommand } from "./add-replay-command.ts";
import { addResumeCommand } from "./add-resume-command.ts";
import { addRetryCommand } from "./add-retry-command.ts";
import { addStatsCommand } from "./add-stats-command.ts";
import { addTargetsListing } from "./add-targets-listing.ts";
import { EXIT_CODES_HELP } from "./cli-failure.ts";
import type { OperatorIo } from "./operator-io.ts";

/**
 * The commands that operate a running server over its API (events, deliveries, retry, cancel,
 * replay, targets, pause, resume, stats, audit). `botbridge targets` lists targets on the
 * `targets` command the program already has (for `targets check`), or a new one.
 */
export function addOperatorCommands(program: Command, io: OperatorIo): void {
  addEventsCommand(program, io);
  addEventCommand(program, io);
  addDeliveriesCommand(program, io);
  addDeliveryCommand(program, io);
  addRetryCommand(program, io);
  addCancelCommand(program, io);
  addReplayCommand(program, io);
  const targets =
    program.commands.find((command) => command.name() === "targets") ??
    program.command("targets").description("commands about the configured targets");
  addTargetsListing(targets, io);
  addPauseCommand(program, io);
  addResumeCommand(program, io);
  addStatsCommand(program, io);
  addAuditCommand(program, io);
  program.addHelpText(
    "after",
    `\nevents, event, deliveries, delivery, retry, cancel, replay, targets, pause, resume, stats\nand audit call the API of a running server.${EXIT_CODES_HELP.replace("Exit codes", "Their exit codes")}`,
  );
}
