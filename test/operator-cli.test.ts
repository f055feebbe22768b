import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWhen } from "../src/cli/operator/format-when.ts";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { runBotbridge } from "./run-botbridge.ts";
import { runOperatorCli, type OperatorCliOptions } from "./run-operator-cli.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

const TOKEN = "cli-test-token-0123456789";

// A bridge forwarding `forms` to a fake that refuses n=2 with 400 while `broken`; the CLI runs
// in this process against its API, relative times against the bridge's clock.
let t: SinkBridge;
let sink: FakeTarget;
let broken = true;
let closedUrl: string;
const ids = { okEvent: "", okDelivery: "", failedEvent: "", failedDelivery: "" };

beforeAll(async () => {
  sink = createFakeTarget({
    respond: (call) =>
      broken && String((call.body as { n: unknown }).n) === "2"
        ? { status: 400, body: { error: "bad n" } }
        : { status: 200, body: { ok: true } },
  });
  t = await startSinkBridge({ sink, settings: `admin: { token: ${TOKEN} }` });
  await t.send({ n: 1, phone: "+79123456789" });
  await t.send({ n: 2 });
  for (const d of await t.settle()) {
    if (d.status === "succeeded") Object.assign(ids, { okEvent: d.event_id, okDelivery: d.id });
    else Object.assign(ids, { failedEvent: d.event_id, failedDelivery: d.id });
  }
  t.clock.advance(60_000);
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  closedUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  server.close();
});

afterAll(async () => {
  await t.stop();
  await sink.close();
});

const cli = (args: string[], options: OperatorCliOptions = {}) =>
  runOperatorCli([...args, "--url", t.url, "--token", TOKEN], {
    now: () => t.clock.now(),
    ...options,
  });
const api = async (path: string) =>
  (await fetch(`${t.url}/api/v1${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
const ago = () => formatWhen(t.clock.now() - 60_000, t.clock.now());

describe("each command's table", () => {
  it.each<[string, () => string[], () => (string | RegExp)[]]>([
    [
      "events",
      () => ["events"],
      () => [
        /^ID +RECEIVED +SOURCE +DELIVERIES$/m,
        `${ids.okEvent}  ${ago()}  forms   forward: succeeded`,
        `${ids.failedEvent}  ${ago()}  forms   forward: failed`,
      ],
    ],
    [
      "events --status failed",
      () => ["events", "--status", "failed", "--since", "2h"],
      () => [ids.failedEvent],
    ],
    [
      "event",
      () => ["event", ids.failedEvent],
      () => [
        `event:    ${ids.failedEvent}`,
        "request:  POST /hooks/forms application/json",
        /^ROUTE +MATCHED +WHY NOT\nforward +yes$/m,
        `Delivery ${ids.failedDelivery} (forward): failed, http_400`,
        /^1 +http\.request +sink +.+ failed \(400\) +http_400: /m,
        '"n": 2',
      ],
    ],
    [
      "deliveries --status failed",
      () => ["deliveries", "--status", "failed"],
      () => [
        /^ID +EVENT +ROUTE +STATUS +TRIES +TARGET +UPDATED +LAST ERROR$/m,
        new RegExp(
          `^${ids.failedDelivery}  …${ids.failedEvent.slice(-8)}  forward  failed .+http_400`,
          "m",
        ),
      ],
    ],
    [
      "delivery",
      () => ["delivery", ids.okDelivery],
      () => [
        `delivery: ${ids.okDelivery}`,
        "status:   succeeded",
        /^# {2}ACTION +TARGET +STARTED +TOOK +OUTCOME +ERROR$/m,
        /^1 {2}http\.request +sink .+ ok \(200\) +-$/m,
      ],
    ],
    [
      "targets",
      () => ["targets"],
      () => [/^TARGET +STATE +WAITING/m, /^sink +ok +0 +- +.+http_400/m],
    ],
    [
      "stats",
      () => ["stats", "--window", "1h"],
      () => [
        /^events: +2$/m,
        "deliveries:     0 pending, 0 running, 1 succeeded, 1 failed, 0 cancelled",
        /^ROUTE +PENDING +RUNNING +SUCCEEDED +FAILED +CANCELLED\nforward +0 +0 +1 +1 +0$/m,
      ],
    ],
    [
      "events -q: a phone written differently finds its event",
      () => ["events", "-q", "8 (912) 345-67-89"],
      () => [new RegExp(`^${ids.okEvent} .+forward: succeeded$`, "m")],
    ],
    ["audit, before any change", () => ["audit"], () => ["no changes yet"]],
    [
      "events -q with nothing found",
      () => ["events", "-q", "nobody@example.com"],
      () => ["no events"],
    ],
  ])("%s", async (_, args, expected) => {
    const run = await cli(args());
    expect(run).toMatchObject({ code: 0, stderr: "" });
    for (const line of expected()) expect(run.stdout).toMatch(line);
  });
});

describe("--json prints the API's JSON as it answered", () => {
  it.each<[string, () => string[], () => string]>([
    ["events", () => ["events", "--limit", "1"], () => "/events?limit=1"],
    [
      "events -q",
      () => ["events", "-q", "8 (912) 345-67-89"],
      () => "/events?q=8+%28912%29+345-67-89",
    ],
    ["event", () => ["event", ids.failedEvent], () => `/events/${ids.failedEvent}`],
    ["deliveries", () => ["deliveries", "--route", "forward"], () => "/deliveries?route=forward"],
    ["delivery", () => ["delivery", ids.okDelivery], () => `/deliveries/${ids.okDelivery}`],
    ["targets", () => ["targets"], () => "/targets"],
    ["stats", () => ["stats"], () => "/stats?window=24h"],
    ["audit", () => ["audit"], () => "/audit"],
  ])("%s", async (_, args, path) => {
    const run = await cli([...args(), "--json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(`${await api(path())}\n`);
  });
});

describe("exit codes and errors: one line on stderr, never a stack trace", () => {
  it.each<
    [string, () => string[], OperatorCliOptions & { url?: string; token?: string }, number, RegExp]
  >([
    ["an unknown event", () => ["event", "nope"], {}, 1, /^botbridge: not_found: no event nope\n$/],
    ["an unknown delivery", () => ["delivery", "nope"], {}, 1, /^botbridge: not_found: /],
    [
      "a retry of an unknown delivery",
      () => ["retry", "nope"],
      {},
      1,
      /^botbridge: not_found: nope: /,
    ],
    [
      "a retry conflict",
      () => ["retry", ids.okDelivery],
      {},
      1,
      /^botbridge: conflict: .+ is succeeded/,
    ],
    [
      "a status that is none",
      () => ["events", "--status", "nope"],
      {},
      2,
      /argument 'nope' is invalid/,
    ],
    [
      "an unknown option",
      () => ["deliveries", "--colour", "red"],
      {},
      2,
      /unknown option '--colour'/,
    ],
    ["a missing id", () => ["delivery"], {}, 2, /missing required argument 'id'/],
    [
      "a time that is none",
      () => ["events", "--since", "yesterday"],
      {},
      2,
      /^botbridge: usage: --since yesterday: /,
    ],
    [
      "retry with neither ids nor --filter",
      () => ["retry"],
      {},
      2,
      /^botbridge: usage: give delivery ids or --filter/,
    ],
    ["retry with both", () => ["retry", "x", "--filter", "status=failed"], {}, 2, /not both/],
    [
      "a filter key that is none",
      () => ["cancel", "--filter", "colour=red"],
      {},
      2,
      /^botbridge: usage: --filter colour=red: /,
    ],
    [
      "a search with nothing to search for",
      () => ["events", "-q", "!"],
      {},
      2,
      /^botbridge: invalid_query: /,
    ],
    [
      "a window the server refuses",
      () => ["stats", "--window", "forever"],
      {},
      2,
      /^botbridge: invalid_query: /,
    ],
    [
      "a wrong token",
      () => ["events"],
      { token: "wrong-token-0123456789" },
      4,
      /^botbridge: unauthorized: /,
    ],
    [
      "no server there",
      () => ["targets"],
      { url: "closed" },
      3,
      /^botbridge: unreachable: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/,
    ],
  ])("%s", async (_, args, options, code, stderr) => {
    const run = await runOperatorCli(
      [
        ...args(),
        "--url",
        options.url === "closed" ? closedUrl : t.url,
        "--token",
        options.token ?? TOKEN,
      ],
      { now: () => t.clock.now() },
    );
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("as a real process: the exit code and one line; the token from --config; a question answered no", async () => {
    const file = join(t.dir, "routes.yaml");
    const [listed, refused, unreachable, declined] = await Promise.all([
      runBotbridge(["--config", file, "targets", "--url", t.url], {
        env: { PATH: process.env.PATH },
      }),
      runBotbridge(["events", "--url", t.url, "--token", "wrong-token-0123456789"]),
      runBotbridge(["stats", "--url", closedUrl, "--token", TOKEN]),
      runBotbridge(["retry", "--filter", "status=failed", "--url", t.url, "--token", TOKEN], {
        input: "n\n",
      }),
    ]);
    expect(listed).toMatchObject({ status: 0, stderr: "" });
    expect(listed.stdout).toMatch(/^sink +ok /m);
    expect(refused).toMatchObject({ status: 4, stdout: "" });
    expect(refused.stderr).toMatch(/^botbridge: unauthorized: [^\n]+\n$/);
    expect(unreachable).toMatchObject({ status: 3, stdout: "" });
    expect(unreachable.stderr).toMatch(/^botbridge: unreachable: [^\n]+\n$/);
    expect(declined).toMatchObject({
      status: 1,
      stdout: "",
      stderr: "retry 1 delivery (status=failed)? [y/N] not retried\n",
    });
  }, 60_000);
});

describe("changes, in order (each one in the audit log)", () => {
  it("pause holds a target until resumed; targets shows it", async () => {
    const paused = await cli(["pause", "sink", "--until", "30m", "--reason", "maintenance"]);
    expect(paused).toMatchObject({ code: 0, stderr: "" });
    const until = formatWhen(t.clock.now() + 30 * 60_000, t.clock.now());
    expect(paused.stdout).toBe(`sink: paused by operator until ${until}: maintenance, 0 waiting\n`);
    const listed = await cli(["targets"]);
    expect(listed.stdout).toMatch(/^sink +paused by operator until .+: maintenance +0 /m);
    await t.send({ n: 3 });
    await t.settle();
    expect((await cli(["deliveries", "--status", "pending"])).stdout).toMatch(/ forward +pending /);
    const resumed = await cli(["resume", "sink", "--json"]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ name: "sink", paused: false });
    await t.until(async () => (await t.deliveries("pending")).length === 0);
    expect((await cli(["pause", "sink", "--json"])).stdout).toMatch(/"paused_until":null/);
    expect((await cli(["resume", "sink"])).stdout).toMatch(/^sink: ok, 0 waiting\n$/);
  });

  it("retry by id after the target is fixed: it succeeds, run from the action that failed", async () => {
    broken = false;
    const run = await cli(["retry", ids.failedDelivery]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    // its status as the API saw it right after the change: pending, or already running or done
    expect(run.stdout).toMatch(
      new RegExp(
        `^(pending|running|succeeded): delivery ${ids.failedDelivery} runs again now, from action 1; actions that succeeded are not repeated\n$`,
      ),
    );
    await t.settle();
    expect((await cli(["delivery", ids.failedDelivery])).stdout).toMatch(/^status: +succeeded$/m);
    const forced = await cli(["retry", ids.okDelivery, "--force", "--json"]);
    expect(JSON.parse(forced.stdout)).toMatchObject({ id: ids.okDelivery });
    await t.settle();
  });

  it("retry --filter: the estimate, a question, then the operation followed to its end", async () => {
    broken = true;
    await t.send({ n: 2 });
    await t.send({ n: 2 });
    await t.settle();
    const declined = await cli(["retry", "--filter", "status=failed", "--filter", "route=forward"]);
    expect(declined.code).toBe(1);
    expect(declined.stderr).toBe(
      "retry 2 deliveries (status=failed route=forward)? [y/N] not retried\n",
    );
    expect(await t.deliveries("failed")).toHaveLength(2);
    broken = false;
    const done = await cli(["retry", "--filter", "status=failed", "--yes"]);
    expect(done).toMatchObject({ code: 0, stdout: "retried 2 of 2 deliveries\n" });
    await t.settle();
    expect(await t.deliveries("failed")).toHaveLength(0);
    const none = await cli(["retry", "--filter", "status=failed", "--yes"]);
    expect(none).toMatchObject({ code: 0, stdout: "" });
    expect(none.stderr).toBe("nothing to retry: no deliveries match status=failed\n");
  });

  it("cancel by id and by filter (--json prints the finished operation)", async () => {
    await cli(["pause", "sink"]);
    await t.send({ n: 4 });
    await t.send({ n: 5 });
    await t.settle();
    const [first] = await t.deliveries("pending");
    const one = await cli(["cancel", first?.id ?? ""]);
    expect(one).toMatchObject({
      code: 0,
      stdout: `cancelled: delivery ${first?.id} is cancelled\n`,
    });
    const rest = await cli(["cancel", "--filter", "status=pending", "--yes", "--json"], {
      confirm: false,
    });
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({
      kind: "cancel",
      status: "done",
      total: 1,
      changed: 1,
    });
    expect((await cli(["cancel", first?.id ?? ""])).code).toBe(1);
    await cli(["resume", "sink"]);
  });

  it("replay: a dry run first, then for real, and with the original rules", async () => {
    const dry = await cli(["replay", ids.okEvent, "--dry-run"]);
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    expect(dry.stdout).toMatch(
      /^ROUTE +FIRST ACTION +TARGET +PARAMS\nforward +http\.request +sink +\{"method":"POST","path":"\/hit","body":\{"n":1\}\}$/m,
    );
    expect(dry.stdout).toMatch(
      /Dry run with the current rules: nothing stored or sent \(dedupe bypassed\)\.\n$/,
    );
    const real = await cli(["replay", ids.okEvent]);
    expect(real.stdout).toMatch(
      /Replayed with the current rules \(dedupe bypassed\): 1 new delivery\n {2}\S+\n$/,
    );
    const original = await cli(["replay", ids.okEvent, "--original", "--json"]);
    expect(JSON.parse(original.stdout)).toMatchObject({ rules: "original", dry_run: false });
    await t.settle();
    expect(await t.deliveries("failed")).toHaveLength(0);
  });

  it("audit: every change above, newest first, by the token's name", async () => {
    const run = await cli(["audit", "--limit", "100"]);
    expect(run.code).toBe(0);
    const actions = run.stdout
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(/ {2,}/)[2]);
    for (const action of ["pause", "resume", "retry", "bulk_retry", "cancel", "bulk_cancel"])
      expect(actions).toContain(action);
    expect(actions.filter((a) => a?.startsWith("replay"))).toHaveLength(2);
    expect(run.stdout.split("\n")[1]).toMatch(/ {2}admin {2}/);
    const page = await cli(["audit", "--limit", "2", "--json"]);
    expect(JSON.parse(page.stdout)).toMatchObject({
      data: [{}, {}],
      next_cursor: expect.any(String),
    });
    const paged = await cli(["audit", "--limit", "2"]);
    expect(paged.stdout).toMatch(/\nmore: botbridge audit --cursor \S+\n$/);
  });
});

describe("the server and token of this machine, with no --url or --token", () => {
  it("uses the token the server generated into its data folder", async () => {
    const local = await startSinkBridge({});
    try {
      const run = await runOperatorCli(["targets"], {
        config: join(local.dir, "routes.yaml"),
        env: {
          PORT: String(local.bridge.port),
          BOTBRIDGE_DATABASE_URL: `sqlite:${join(local.dir, "botbridge.db")}`,
        },
      });
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(/^sink +ok +0 /m);
    } finally {
      await local.stop();
    }
  });
});
