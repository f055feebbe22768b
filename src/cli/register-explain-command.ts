import { readFileSync } from "node:fs";
import { type Command } from "commander";
import { createActions } from "../actions/actions.ts";
import { HttpError } from "../core/http-error.ts";
import { explainRequest } from "../admin/explain-request.ts";
import { formatExplanation } from "./format-explanation.ts";
import { explainExitCode, formatExitCodes } from "./explain-exit-code.ts";
import { findUnusedAnswers } from "./find-unused-answers.ts";
import { readAnswers } from "./read-answers.ts";
import { loadConfigOrReport } from "./load-config-or-report.ts";

/** `botbridge explain`: what a request would do, from verification to rendered actions; nothing is sent. */
export function registerExplainCommand(program: Command): void {
  program
    .command("explain")
    .description(
      "show what a request would become (parsed event, matched routes and why, rendered actions); sends nothing",
    )
    .requiredOption("-s, --source <name>", "the source the request is sent to")
    .option("-f, --file <body>", "the request body (default: standard input)")
    .option("-t, --content-type <type>", "the request's Content-Type")
    .option(
      "-H, --header <header>",
      "a header 'Name: value' (repeatable)",
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option("-q, --query <query>", "the query string", "")
    .option("-m, --method <method>", "the HTTP method", "POST")
    .option("--url <url>", "the URL as the sender called it, for signatures that cover it")
    .option(
      "--now <time>",
      "the time to check signed timestamps against: Unix milliseconds or an ISO time (default: now)",
    )
    .option(
      "-a, --answer <step=file>",
      "what the target answers the action with id STEP: a JSON file (repeatable; instead of its dry_run_answer)",
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option("--json", "print the explanation as JSON")
    .addHelpText("after", `\nExit codes:\n${formatExitCodes("text")}`)
    .action(
      async (options: {
        answer: string[];
        source: string;
        file?: string;
        contentType?: string;
        header: string[];
        query: string;
        method: string;
        url?: string;
        now?: string;
        json?: boolean;
      }) => {
        const actions = createActions();
        const config = await loadConfigOrReport(program.opts<{ config: string }>().config, actions);
        if (!config) return;
        if (!config.sources.has(options.source)) {
          process.stderr.write(
            `botbridge: no source named "${options.source}" (known: ${[...config.sources.keys()].join(", ")})\n`,
          );
          process.exitCode = 1;
          return;
        }
        const headers: Record<string, string> = {};
        for (const line of options.header) {
          const at = line.indexOf(":");
          if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
        }
        if (options.contentType) headers["content-type"] = options.contentType;
        const answers = readAnswers(options.answer);
        if (typeof answers === "string") {
          process.stderr.write(`botbridge: ${answers}\n`);
          process.exitCode = 1;
          return;
        }
        const raw = options.file ? readFileSync(options.file) : readFileSync(0);
        const now =
          options.now === undefined
            ? Date.now()
            : /^\d+$/.test(options.now)
              ? Number(options.now)
              : Date.parse(options.now);
        if (Number.isNaN(now)) {
          process.stderr.write(`botbridge: --now ${options.now} is not a time\n`);
          process.exitCode = 1;
          return;
        }
        let explanation;
        try {
          explanation = await explainRequest(
            config,
            new Map(actions.map((a) => [a.type, a])),
            {
              source: options.source,
              method: options.method,
              path: `/hooks/${options.source}`,
              query: options.query.replace(/^\?/, ""),
              headers,
              raw,
              remote_address: "127.0.0.1",
              ...(options.url ? { url: options.url } : {}),
            },
            now,
            answers,
          );
        } catch (error) {
          // a body the server would refuse (invalid_json, body_too_large, ...): its answer, in one line
          if (!(error instanceof HttpError)) throw error;
          process.stderr.write(`botbridge: ${error.status} ${error.code}: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          options.json
            ? `${JSON.stringify(explanation, null, 2)}\n`
            : `${formatExplanation(explanation)}\n`,
        );
        process.exitCode = explainExitCode(explanation);
        for (const step of findUnusedAnswers(explanation, answers))
          process.stderr.write(`botbridge: --answer ${step}: no action with id ${step} ran\n`);
      },
    );
}
