import type { Command } from "commander";
import { eventSummary, pageOf } from "../../admin/api/response-schemas.ts";
import { formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { addPageOptions, printPage, statusOption, type PageOptions } from "./list-options.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";
import { parseTimeOption } from "./parse-time-option.ts";

interface EventsOptions extends PageOptions {
  source?: string;
  route?: string;
  status?: string;
  since?: string;
  until?: string;
  query?: string;
}

/** `botbridge events`: received events, newest first, with what became of their deliveries. */
export function addEventsCommand(program: Command, io: OperatorIo): void {
  const command = defineOperatorCommand<EventsOptions>(
    program.command("events").description("list received events, newest first"),
    io,
    async ({ api, io, json, now }, options) => {
      const answer = await api.get("/events", pageOf(eventSummary), {
        source: options.source,
        route: options.route,
        status: options.status,
        since: parseTimeOption("--since", options.since, now, "past"),
        until: parseTimeOption("--until", options.until, now, "past"),
        q: options.query,
        limit: options.limit,
        cursor: options.cursor,
      });
      printPage(io, json, answer, {
        command: "events",
        empty: "no events",
        table: (events) =>
          formatTable(
            ["id", "received", "source", "deliveries"],
            events.map((event) => [
              event.id,
              formatWhen(event.received_at, now),
              event.source,
              event.deliveries.map((d) => `${d.route_id}: ${d.status}`).join(", ") ||
                "no route matched",
            ]),
          ),
      });
    },
  )
    .option("--source <name>", "only events of this source")
    .option("--route <id>", "only events with a delivery of this route")
    .addOption(statusOption("only events with a delivery in this status"))
    .option("--since <time>", "received at or after: an ISO time, or a duration ago (2h, 7d)")
    .option("--until <time>", "received before: an ISO time, or a duration ago")
    .option(
      "-q, --query <text>",
      "text in the stored request; a phone or e-mail also finds it written differently",
    );
  addPageOptions(command);
}
