/**
 * The TCP listener under the fake database servers the driver tests talk to (PostgreSQL,
 * MySQL, Cassandra's CQL): `node:net`, as the drivers use, on 127.0.0.1 at a free port.
 *
 * @module
 */
import net from "node:net";

/** A listening server; `close` drops the open connections, then stops listening. */
export interface TcpServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port and hands each connection to `serve`. */
export async function startTcpServer(serve: (socket: net.Socket) => void): Promise<TcpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
