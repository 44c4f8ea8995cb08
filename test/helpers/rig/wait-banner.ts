// "Listening" is not enough: a test must only proceed once sshd actually speaks SSH,
// so we poll until a TCP connect receives a line starting with "SSH-".
import { connect } from "node:net";

function bannerOnce(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: "127.0.0.1", port });
    let buf = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.setEncoding("latin1");
    sock.on("data", (chunk: string) => {
      buf += chunk;
      if (buf.includes("\n")) done(buf.startsWith("SSH-"));
    });
    sock.on("error", () => done(false));
    sock.on("close", () => done(false));
  });
}

/**
 * Resolve once port answers with an SSH banner; reject after totalMs, or as soon as
 * gaveUp() says the server process is gone (no point waiting for a dead sshd).
 */
export async function waitForBanner(port: number, totalMs: number, gaveUp: () => string | undefined): Promise<void> {
  const deadline = Date.now() + totalMs;
  for (;;) {
    if (await bannerOnce(port, 1000)) return;
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason);
    if (Date.now() > deadline) throw new Error(`no SSH banner on 127.0.0.1:${port} after ${totalMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
