import type { Command } from "commander";
import { eventDetail, type RouteVerdictView } from "../../admin/api/response-schemas.ts";
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
      const answer = await api.get(`/events/${encodeURIComponent(String(id))}`, eventDetail);
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      const event = answer.data;
      const { verification } = event;
      const parts = [
        formatFields([
          ["event", event.id],
          ["source", event.source],
          ["received", formatWhen(event.received_at, now)],
          ["request", `${event.method} ${event.path} ${event.content_type ?? ""}`.trim()],
          ["verified", `${verification.passed ? "yes" : "no"}: ${verification.note}`],
        ]),
        `Routes:\n${formatVerdicts(event.routes)}`,
      ];
      for (const delivery of event.deliveries) {
        const error = delivery.last_error ? `, ${delivery.last_error}` : "";
        parts.push(
          `Delivery ${delivery.id} (${delivery.route_id}): ${delivery.status}${error}\n` +
            formatAttempts(delivery.attempt_history, now),
        );
      }
      parts.push(
        `Body:\n${event.body === undefined ? "(none)" : JSON.stringify(event.body, null, 2)}`,
      );
      io.out(`${parts.join("\n\n")}\n`);
    },
  );
}

/** Each route with whether it matched, or why not in explain's words. */
export function formatVerdicts(routes: readonly RouteVerdictView[]): string {
  if (routes.length === 0) return "no routes for this source";
  return formatTable(
    ["route", "matched", "why not"],
    routes.map((r) => [r.id, r.matched ? "yes" : "no", r.why_not ?? ""]),
  );
}
