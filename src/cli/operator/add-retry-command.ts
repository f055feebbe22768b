import type { Command } from "commander";
import { changeDeliveries, type ChangeOptions } from "./change-deliveries.ts";
import { filterOption } from "./list-options.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/** `botbridge retry ID... | --filter key=value... [--force] [--yes]`. */
export function addRetryCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand<ChangeOptions>(
    program
      .command("retry [ids...]")
      .description(
        "run failed or cancelled deliveries again now, from the action that failed (the actions that succeeded are not repeated)",
      ),
    io,
    (context, options, [ids]) =>
      changeDeliveries("retry", context, (ids as string[] | undefined) ?? [], options),
  )
    .addOption(filterOption())
    .option("--force", "also run succeeded deliveries again, from their first action")
    .option("-y, --yes", "with --filter: do not ask before retrying");
}
