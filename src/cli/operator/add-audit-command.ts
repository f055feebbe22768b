import type { Command } from "commander";
import { auditEntry, pageOf } from "../../admin/api/response-schemas.ts";
import { formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { addPageOptions, printPage, type PageOptions } from "./list-options.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/** `botbridge audit`: every change made through the API (retry, cancel, replay, pause, resume), newest first. */
export function addAuditCommand(program: Command, io: OperatorIo): void {
  const command = defineOperatorCommand<PageOptions>(
    program.command("audit").description("list the changes made through the API: who, what, when"),
    io,
    async ({ api, io, json, now }, options) => {
      const answer = await api.get("/audit", pageOf(auditEntry), {
        limit: options.limit,
        cursor: options.cursor,
      });
      printPage(io, json, answer, {
        command: "audit",
        empty: "no changes yet",
        table: (entries) =>
          formatTable(
            ["when", "who", "action", "subject", "details"],
            entries.map((entry) => [
              formatWhen(entry.at, now),
              entry.actor,
              entry.action,
              entry.subject,
              Object.keys(entry.details).length === 0 ? "" : JSON.stringify(entry.details),
            ]),
          ),
      });
    },
  );
  addPageOptions(command);
}
