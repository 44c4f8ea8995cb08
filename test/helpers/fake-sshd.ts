// SSH servers on loopback that present a host key and never let a client's handshake succeed:
// what "whatever answers first at a new address" looks like. Built on ssh2's real Server (so the
// client sees a genuine key exchange); the `bad-signature` and `cut-after-key` modes put a small
// TCP relay in front of it that edits the plaintext key exchange on the wire.
import { readFileSync } from "node:fs";
import { connect, createServer, type Server as NetServer, type Socket } from "node:net";
import { join } from "node:path";
import ssh2 from "ssh2";
import { generateKey, publicKeyLine } from "./rig/ssh-keys.ts";
import { tmpDir } from "./tmp-dir.ts";

export type FakeSshdMode =
  /** A full handshake with its own key, then every authentication refused: `ready` never comes. */
  | "refuse-auth"
  /** The key exchange reply's signature corrupted: the key is presented, never proven. */
  | "bad-signature"
  /** The key exchange reply delivered (the client's host verifier runs), then the connection cut. */
  | "cut-after-key";

export interface FakeSshd {
  port: number;
  /** "ssh-ed25519 AAAA..." of the key it presents. */
  hostKeyPublic: string;
  /** Connections it has taken. */
  connections(): number;
  close(): Promise<void>;
}

const KEX_ECDH_REPLY = 31;

/**
 * Relays server-to-client bytes, parsing the plaintext packets of the first key exchange
 * (uint32 length, byte padding length, payload, padding; no MAC before NEWKEYS). On the ECDH reply
 * (host key, server's public value, signature) it flips the signature's last byte, or cuts both
 * connections right after passing it on. Everything after that reply goes through untouched.
 */
function editor(mode: Exclude<FakeSshdMode, "refuse-auth">, toClient: Socket, toServer: Socket) {
  let buf = Buffer.alloc(0);
  let bannerDone = false;
  let done = false;
  return (chunk: Buffer) => {
    if (done) return void toClient.write(chunk);
    buf = Buffer.concat([buf, chunk]);
    if (!bannerDone) {
      const end = buf.indexOf("\r\n");
      if (end < 0) return;
      toClient.write(buf.subarray(0, end + 2));
      buf = buf.subarray(end + 2);
      bannerDone = true;
    }
    while (!done && buf.length >= 5) {
      const total = 4 + buf.readUInt32BE(0);
      if (buf.length < total) return;
      const packet = Buffer.from(buf.subarray(0, total));
      buf = buf.subarray(total);
      const padding = packet[4]!;
      if (packet[5] === KEX_ECDH_REPLY) {
        done = true;
        if (mode === "bad-signature") {
          // The payload's last byte is the signature blob's last byte.
          const lastOfPayload = total - padding - 1;
          packet[lastOfPayload] = packet[lastOfPayload]! ^ 0xff;
        }
        toClient.write(packet);
        if (mode === "cut-after-key") {
          toClient.end();
          toServer.destroy();
          return;
        }
        toClient.write(buf);
        buf = Buffer.alloc(0);
        return;
      }
      toClient.write(packet);
    }
  };
}

function listen(server: NetServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** Starts a fake on `port` (0: any free one). */
export async function startFakeSshd(mode: FakeSshdMode, port = 0): Promise<FakeSshd> {
  const keyPath = join(tmpDir(), "fake_host_key");
  await generateKey(keyPath, "fake-host");
  let connections = 0;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  };

  const sshServer = new ssh2.Server(
    // ECDH key exchanges only: their reply has the one layout the relay parses.
    { hostKeys: [readFileSync(keyPath)], algorithms: { kex: ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256"] } },
    (client) => {
      client.on("error", () => {});
      client.on("authentication", (ctx) => (mode === "refuse-auth" ? ctx.reject() : ctx.accept()));
      client.on("ready", () => client.end());
    },
  );
  let front: NetServer;
  let innerListening = false;
  if (mode === "refuse-auth") {
    front = createServer((s) => {
      connections++;
      track(s);
      sshServer.injectSocket(s);
    });
  } else {
    await listen(sshServer, 0);
    innerListening = true;
    const inner = (sshServer.address() as { port: number }).port;
    front = createServer((client) => {
      connections++;
      track(client);
      const server = connect({ host: "127.0.0.1", port: inner });
      track(server);
      client.on("data", (d: Buffer) => server.write(d));
      server.on("data", editor(mode, client, server));
      client.on("close", () => server.destroy());
      server.on("close", () => client.destroy());
    });
  }
  await listen(front, port);
  return {
    port: (front.address() as { port: number }).port,
    hostKeyPublic: publicKeyLine(keyPath),
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      // ssh2's Server wraps a net.Server and has no `listening` of its own.
      if (innerListening) await new Promise<void>((resolve) => sshServer.close(() => resolve()));
    },
  };
}
