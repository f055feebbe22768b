import type { Command } from "commander";
import { eventDetailSchema } from "./pending-api-schemas.ts";
import { formatAttempts } from "./format-attempts.ts";
import { formatFields, formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/**
 * `botbridge event ID`: the request as stored (secrets masked), each route of its source with
 * whether it matched or why not, and its deliveries with their attempts.
 */
export function addEventCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand(
    program
      .command("event <id>")
      .description("show an event: the request, which routes matched and why not, its deliveries"),
    io,
    async ({ api, io, json, now }, _options, [id]) => {
      const answer = await api.get(`/events/${encodeURIComponent(String(id))}`, eventDetailSchema);
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      const event = answer.data;
      const parts = [
        formatFields([
          ["event", event.id],
          ["source", event.source],
          ["received", formatWhen(event.received_at, now)],
          ["request", `${event.method} ${contentTypeOf(event.headers)}`.trim()],
        ]),
        "Routes:",
        event.routes.length === 0
          ? "no routes for this source"
          : formatTable(
              ["route", "matched", "why not"],
              event.routes.map((r) => [
                r.route_id,
                r.matched ? "yes" : "no",
                r.matched ? "" : (r.reason ?? ""),
              ]),
            ),
      ];
      for (const delivery of event.deliveries) {
        const error = delivery.last_error ? `, ${delivery.last_error}` : "";
        parts.push(
          `Delivery ${delivery.id} (${delivery.route_id}): ${delivery.status}${error}`,
          formatAttempts(delivery.attempt_list, now),
        );
      }
      parts.push(
        "Body:",
        event.body === undefined ? "(none)" : JSON.stringify(event.body, null, 2),
      );
      io.out(`${parts.join("\n\n")}\n`);
    },
  );
}

function contentTypeOf(headers: Record<string, unknown>): string {
  const value = headers["content-type"];
  return typeof value === "string" ? value : "";
}
