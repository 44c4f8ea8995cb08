// Ports come from the kernel (listen on 0). All probes are held open together so that
// one batch never receives the same port twice; the tiny window between closing the
// probe and sshd binding is accepted (sshd sets SO_REUSEADDR, and start() reports a
// failed bind with the sshd log).
import { createServer, type Server } from "node:net";

function listenOnZero(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenOnZero));
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === "string") throw new Error("no TCP address");
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
