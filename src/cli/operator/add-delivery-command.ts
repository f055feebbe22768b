import type { Command } from "commander";
import { deliveryDetail } from "../../admin/api/response-schemas.ts";
import { formatAttempts } from "./format-attempts.ts";
import { formatFields } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";
import { defineOperatorCommand } from "./operator-command.ts";
import type { OperatorIo } from "./operator-io.ts";

/** `botbridge delivery ID`: one delivery with every attempt. */
export function addDeliveryCommand(program: Command, io: OperatorIo): void {
  defineOperatorCommand(
    program.command("delivery <id>").description("show a delivery with every attempt"),
    io,
    async ({ api, io, json, now }, _options, [id]) => {
      const answer = await api.get(`/deliveries/${encodeURIComponent(String(id))}`, deliveryDetail);
      if (json) {
        io.out(`${answer.text}\n`);
        return;
      }
      const d = answer.data;
      const fields: [string, string][] = [
        ["delivery", d.id],
        ["event", d.event_id],
        ["route", d.route_id],
        ["status", d.status],
        ["created", formatWhen(d.created_at, now)],
        ["updated", formatWhen(d.updated_at, now)],
      ];
      if (d.status === "pending") fields.push(["next try", formatWhen(d.next_attempt_at, now)]);
      if (d.next_target) fields.push(["target", d.next_target]);
      if (d.last_error) fields.push(["last error", d.last_error]);
      io.out(`${formatFields(fields)}\n\n${formatAttempts(d.attempt_history, now)}\n`);
    },
  );
}
