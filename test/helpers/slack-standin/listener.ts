// Listening and un-listening the stand-in's server. Stopping destroys every connection (kept-alive
// fetch sockets, hung requests) so close() returns promptly and restart() really drops clients.
import type { Server } from "node:http";

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const addr = server.address();
      if (addr === null || typeof addr === "string") return reject(new Error("stand-in: no TCP address"));
      resolve(addr.port);
    });
  });
}

export function stopListening(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
