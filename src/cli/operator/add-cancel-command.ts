import type { Command } from "commander";
import { changeDeliveries, type ChangeOptions } from "./change-deliveries.ts";
import { filterOption } from "./list-options.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/** `botbridge cancel ID... | --filter key=value... [--yes]`. */
export function addCancelCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand<ChangeOptions>(
    program
      .command("cancel [ids...]")
      .description("cancel pending or waiting deliveries: they are not tried again"),
    io,
    (context, options, [ids]) =>
      changeDeliveries("cancel", context, (ids as string[] | undefined) ?? [], options),
  )
    .addOption(filterOption())
    .option("-y, --yes", "with --filter: do not ask before cancelling");
}
