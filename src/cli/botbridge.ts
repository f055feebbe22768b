import { Command, Option } from "commander";
import { createActions } from "../actions/actions.ts";
import { createJsonSchema } from "../config/create-json-schema.ts";
import { loadConfigOrReport } from "./load-config-or-report.ts";
import { createMasker } from "../targets/mask-secrets.ts";
import { createTargetRuntimes } from "../targets/target-runtimes.ts";
import { createRateLimits } from "../targets/rate-limits.ts";
import { ConfigError, startBotbridge } from "../main.ts";
import { checkTargets } from "../admin/check-targets.ts";
import { formatTargetChecks } from "./format-target-checks.ts";
import { addOperatorCommands } from "./operator/add-operator-commands.ts";
import { createProcessIo } from "./operator/operator-io.ts";
import { registerAlertsCommand } from "./register-alerts-command.ts";
import { exitOnClosedPipe } from "./exit-on-closed-pipe.ts";
import { handleSignals } from "./handle-signals.ts";

import { runBackup } from "./run-backup.ts";
import { runCheck } from "./run-check.ts";
import { registerExplainCommand } from "./register-explain-command.ts";

exitOnClosedPipe(process.stdout);

const program = new Command("botbridge")
  .description("Webhook bridge: CRM and form webhooks in, BotHelp and Metabot actions out")
  .addOption(
    new Option("-c, --config <file>", "the routes file")
      .env("BOTBRIDGE_CONFIG")
      .default("./routes.yaml"),
  )
  .showHelpAfterError();

program
  .command("serve")
  .description("serve webhooks and carry out deliveries (what npm start runs)")
  .action(async () => {
    const { config } = program.opts<{ config: string }>();
    let bridge;
    try {
      bridge = await startBotbridge({ configPath: config, env: process.env });
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(
          `${error.problems.join("\n")}\nbotbridge: not started: ${error.problems.length} problem(s) in ${config}\n`,
        );
        process.exit(1);
      }
      process.stderr.write(`botbridge: not started: ${(error as Error).message}\n`);
      process.exit(1);
    }
    handleSignals(bridge);
  });

program
  .command("check [file]")
  .description(
    "report every problem in a routes file (exit 1 if there are any), and warnings about settings that protect less than they seem to and about paths the routes find nothing at in sample requests",
  )
  .option(
    "-S, --sample <source=file>",
    "a sample request body for SOURCE (repeatable; as the source's samples: list)",
    (value: string, all: string[]) => [...all, value],
    [],
  )
  .action(async (file: string | undefined, options: { sample: string[] }) => {
    const path = file ?? program.opts<{ config: string }>().config;
    process.exitCode = await runCheck(path, options.sample, process.env);
  });

program
  .command("targets")
  .description(
    "list the targets of the running server: paused or not, waiting deliveries, last success and failure",
  )
  .command("check")
  .description(
    "list each BotHelp target's flows, steps and sequences, and every referral in the routes it lacks; exit 1 if any",
  )
  .action(async () => {
    const config = await loadConfigOrReport(program.opts<{ config: string }>().config);
    if (!config) return;
    const runtimes = createTargetRuntimes(config.targets, {
      masker: createMasker(config.secrets),
      rateLimits: createRateLimits(),
      defaultTimeoutMs: config.settings.delivery.timeout,
      maxResponseSize: config.settings.delivery.max_response_size,
    });
    try {
      const checks = await checkTargets(config, runtimes, {
        now: Date.now,
        signal: AbortSignal.timeout(120_000),
      });
      process.stdout.write(`${formatTargetChecks(checks)}\n`);
      if (checks.some((c) => c.ok === false || (c.ok === true && c.report.missing.length > 0)))
        process.exitCode = 1;
    } finally {
      await runtimes.close();
    }
  });

program
  .command("backup <file>")
  .description(
    "copy the SQLite store to FILE while the server runs (SQLite's online backup: a consistent copy, the WAL included); never overwrites a file",
  )
  .option("--database <url>", "the store to copy (default: BOTBRIDGE_DATABASE_URL or storage.url)")
  .action(async (file: string, options: { database?: string }) => {
    process.exitCode = await runBackup(file, {
      configPath: program.opts<{ config: string }>().config,
      database: options.database,
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  });

program
  .command("schema")
  .description("print the JSON Schema of routes.yaml")
  .action(() => {
    process.stdout.write(`${JSON.stringify(createJsonSchema(createActions()), null, 2)}\n`);
  });

registerExplainCommand(program);
addOperatorCommands(program, createProcessIo());
registerAlertsCommand(program);

await program.parseAsync();
