import type { Command } from "commander";
import { stats as statsSchema } from "../../admin/api/response-schemas.ts";
import { formatFields, formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";
import { DELIVERY_STATUSES } from "./list-options.ts";

/** `botbridge stats [--window 24h]`: counts by status and route over a window, and what is waiting. */
export function addStatsCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand<{ window: string }>(
    program
      .command("stats")
      .description("counts by status and route over a window, and the oldest waiting delivery"),
    io,
    async ({ api, io, json, now }, options) => {
      const answer = await api.get("/stats", statsSchema, { window: options.window });
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      const stats = answer.data;
      const routes = [...new Set(stats.by_route.map((r) => r.route_id))].sort();
      const count = (route: string, status: string) =>
        String(stats.by_route.find((r) => r.route_id === route && r.status === status)?.count ?? 0);
      io.out(
        `${formatFields([
          ["window", `since ${formatWhen(stats.since, now)}`],
          ["events", String(stats.events)],
          [
            "deliveries",
            DELIVERY_STATUSES.map((s) => `${stats.deliveries_by_status[s]} ${s}`).join(", "),
          ],
          [
            "rates",
            `${stats.events_per_minute} events/min, ${stats.deliveries_per_minute} deliveries/min`,
          ],
          ["waiting now", String(stats.waiting)],
          ["oldest waiting", formatWhen(stats.oldest_waiting_at, now)],
        ])}\n\n${
          routes.length === 0
            ? "no deliveries in the window"
            : formatTable(
                ["route", ...DELIVERY_STATUSES],
                routes.map((route) => [route, ...DELIVERY_STATUSES.map((s) => count(route, s))]),
              )
        }\n`,
      );
    },
  ).option("--window <duration>", "how far back to count (1h, 24h, 7d)", "24h");
}
