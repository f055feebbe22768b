import type { Command } from "commander";
import { formatTestOutcomes, sendTestAlerts } from "../admin/alerts/send-test-alerts.ts";
import { loadConfigOrReport } from "./load-config-or-report.ts";

/** `botbridge alerts test [CHANNEL]`: a test message through the configured alert channels. */
export function registerAlertsCommand(program: Command): void {
  program
    .command("alerts")
    .description("commands about alerts")
    .command("test [channel]")
    .description(
      "send a test message to every alert channel (or CHANNEL: telegram, webhook) and say exactly what went wrong; exit 1 if any failed",
    )
    .action(async (channel: string | undefined) => {
      const config = await loadConfigOrReport(program.opts<{ config: string }>().config);
      if (!config) return;
      try {
        const outcomes = await sendTestAlerts(config, channel);
        process.stdout.write(`${formatTestOutcomes(outcomes)}\n`);
        if (outcomes.some((o) => !o.result.ok)) process.exitCode = 1;
      } catch (error) {
        process.stderr.write(`botbridge: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
