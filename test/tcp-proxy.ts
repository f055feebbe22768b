import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** 127.0.0.1 port the proxy listens on; the same after every `up()`. */
  readonly port: number;
  /** Listens (again) and forwards every connection to the upstream. */
  up(): Promise<void>;
  /** Stops listening and cuts every open connection, as a database going away would. */
  down(): Promise<void>;
}

/**
 * A loopback TCP forwarder to a real server (PostgreSQL), which a test can take down and bring
 * back on the same port: clients see their connections cut, then connection refused.
 */
export function createTcpProxy(upstream: { host: string; port: number }): TcpProxy {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  return {
    get port() {
      return port;
    },
    async up() {
      const next = createServer((client) => {
        const backend = connect(upstream.port, upstream.host);
        track(client);
        track(backend);
        client.pipe(backend);
        backend.pipe(client);
        client.on("close", () => backend.destroy());
        backend.on("close", () => client.destroy());
      });
      next.listen(port, "127.0.0.1");
      await once(next, "listening");
      const address = next.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      port = address.port;
      server = next;
    },
    async down() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
