import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The baseline: a node:http server that reads the request body and answers 200 with a small
 * JSON body, nothing else. Run as its own process, like botbridge, so both get the same CPU
 * share; prints `{"port":N}` once listening.
 */
const answer = JSON.stringify({ ok: true, event_id: "00000000000000000000000000" });

const server = createServer((req, res) => {
  req.on("data", () => undefined);
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(answer)),
    });
    res.end(answer);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
