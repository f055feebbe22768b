import { createServer, STATUS_CODES } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createFailureQueue, type ScriptedFailure } from "./failure-queue.ts";
import { readCall, type RecordedCall } from "./read-call.ts";

/**
 * What a fake answers. A string body is sent as is, a Readable is streamed as it is read (chunked,
 * unless the headers give a Content-Length), anything else (but undefined) as JSON.
 */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type FakeHandler = (call: RecordedCall) => FakeResponse | Promise<FakeResponse>;

export interface FakeServerOptions {
  handle: FakeHandler;
  /** Keep every call in `calls` (default true); `count` is kept either way. */
  record?: boolean;
}

/** The part every fake shares: a 127.0.0.1 server that records calls and plays scripted failures. */
export interface FakeServer {
  /** Listens on 127.0.0.1 on a random port; calling it again returns the same url. */
  start(): Promise<{ url: string }>;
  /** Stops listening and destroys every open socket, hanging requests included. */
  close(): Promise<void>;
  /** http://127.0.0.1:PORT; throws before start(). */
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Requests received so far, recorded or not. */
  readonly count: number;
  failNext(failure: ScriptedFailure): void;
  clearCalls(): void;
}

/** Builds the shared server; each fake supplies only its `handle`. */
export function createFakeServer(options: FakeServerOptions): FakeServer {
  const record = options.record ?? true;
  const calls: RecordedCall[] = [];
  const failures = createFailureQueue();
  const waits = new Map<NodeJS.Timeout, () => void>();
  let count = 0;
  let url: string | undefined;

  const server = createServer((req, res) => {
    void serveRequest(req, res);
  });

  async function serveRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: FakeResponse;
    try {
      const call = await readCall(req);
      count += 1;
      if (record) calls.push(call);
      const failure = failures.take(call.method, call.path);
      if (failure?.delayMs !== undefined) await waitFor(failure.delayMs);
      if (failure?.status !== undefined) answer = answerFailure(failure, failure.status);
      else answer = await options.handle(call);
    } catch (error) {
      answer = { status: 500, body: { message: `fake failed: ${String(error)}` } };
    }
    if (res.writableEnded || res.destroyed || req.socket.destroyed) return;
    writeResponse(res, answer, req.method === "HEAD");
  }

  function waitFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });
  }

  return {
    async start() {
      if (url !== undefined) return { url };
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      url = `http://127.0.0.1:${port}`;
      return { url };
    },
    async close() {
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await closed;
    },
    get url() {
      if (url === undefined) throw new Error("fake server not started");
      return url;
    },
    calls,
    get count() {
      return count;
    },
    failNext(failure) {
      failures.add(failure);
    },
    clearCalls() {
      calls.length = 0;
      count = 0;
    },
  };
}

/**
 * Adds a fake's own members to its server, getters included (Object.assign would read them once).
 */
export function extendFakeServer<Extra extends object>(
  server: FakeServer,
  extra: Extra,
): FakeServer & Extra {
  return Object.defineProperties(server, Object.getOwnPropertyDescriptors(extra)) as FakeServer &
    Extra;
}

function answerFailure(failure: ScriptedFailure, status: number): FakeResponse {
  return {
    status,
    headers: failure.headers ?? {},
    body: failure.body ?? { message: STATUS_CODES[status] ?? "Error" },
  };
}

function writeResponse(res: ServerResponse, answer: FakeResponse, isHead: boolean): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const noBody = isHead || answer.status === 204 || answer.status === 304;
  if (answer.body instanceof Readable && !noBody) {
    const stream = answer.body;
    headers["content-type"] ??= "application/octet-stream";
    res.writeHead(answer.status, headers);
    // The client may hang up before the end; that ends the stream, which is all a fake needs.
    pipeline(stream, res).catch(() => undefined);
    return;
  }
  let payload = "";
  if (answer.body !== undefined && !noBody) {
    const isText = typeof answer.body === "string";
    payload = isText ? (answer.body as string) : JSON.stringify(answer.body);
    headers["content-type"] ??= isText ? "text/plain; charset=utf-8" : "application/json";
  }
  if (!noBody) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
}
