import express from "express";
import type { AddressInfo } from "node:net";

/**
 * The second baseline: an Express 5 app that reads the body with `express.raw` and answers 200
 * with the same small JSON body as the bare server. It is what a non-durable forwarder built on
 * the same framework as botbridge costs before it does any work. Prints `{"port":N}` once
 * listening.
 */
const answer = { ok: true, event_id: "00000000000000000000000000" };

const app = express();
app.post("/hooks/:source", express.raw({ type: () => true, limit: "1mb" }), (_req, res) => {
  res.status(200).json(answer);
});

const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
