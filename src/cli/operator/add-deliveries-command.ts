import type { Command } from "commander";
import { delivery, pageOf, type DeliveryView } from "../../admin/api/response-schemas.ts";
import { formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { addPageOptions, printPage, statusOption, type PageOptions } from "./list-options.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";
import { parseTimeOption } from "./parse-time-option.ts";
import { shortId } from "./short-id.ts";

interface DeliveriesOptions extends PageOptions {
  status?: string;
  route?: string;
  target?: string;
  event?: string;
  errorCode?: string;
  since?: string;
  until?: string;
}

/** `botbridge deliveries`: deliveries newest first, filtered like the bulk operations. */
export function addDeliveriesCommand(program: Command, io: OperatorIo): void {
  const command = defineOperatorCommand<DeliveriesOptions>(
    program.command("deliveries").description("list deliveries, newest first"),
    io,
    async ({ api, io, json, now }, options) => {
      const answer = await api.get("/deliveries", pageOf(delivery), {
        status: options.status,
        route: options.route,
        target: options.target,
        event_id: options.event,
        error_code: options.errorCode,
        since: parseTimeOption("--since", options.since, now, "past"),
        until: parseTimeOption("--until", options.until, now, "past"),
        limit: options.limit,
        cursor: options.cursor,
      });
      printPage(io, json, answer, {
        command: "deliveries",
        empty: "no deliveries",
        table: (deliveries) => formatDeliveries(deliveries, now),
      });
    },
  )
    .addOption(statusOption("only deliveries in this status"))
    .option("--route <id>", "only deliveries of this route")
    .option("--target <name>", "only deliveries whose next (or last) action calls this target")
    .option("--event <id>", "only the deliveries of this event")
    .option("--error-code <code>", "only deliveries whose last error has this code (http_401, ...)")
    .option("--since <time>", "created at or after: an ISO time, or a duration ago (2h, 7d)")
    .option("--until <time>", "created before: an ISO time, or a duration ago");
  addPageOptions(command);
}

/** Deliveries as a table: id, event, route, status, attempts, target, last change, last error. */
export function formatDeliveries(deliveries: readonly DeliveryView[], now: number): string {
  return formatTable(
    ["id", "event", "route", "status", "tries", "target", "updated", "last error"],
    deliveries.map((d) => [
      d.id,
      shortId(d.event_id),
      d.route_id,
      d.status,
      String(d.attempts),
      d.next_target ?? "-",
      formatWhen(d.updated_at, now),
      d.last_error ?? "-",
    ]),
  );
}
