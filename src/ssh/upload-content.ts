import { randomBytes } from "node:crypto";
import type ssh2 from "ssh2";
import { OysterError } from "../errors.ts";
import type { SshPool } from "./pool.ts";

function sftpOf(client: ssh2.Client, node: string): Promise<ssh2.SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => (err ? reject(new OysterError("SshError", `${node}: cannot open SFTP: ${err.message}`, { node }, { cause: err })) : resolve(sftp)));
  });
}

/**
 * Writes `content` to a new file with a random name in the login user's home (SFTP's working
 * dir), readable by that user only, and returns its path as `~/<name>`. For content that a
 * privileged command then moves into place (`sudo install`): the home, unlike /tmp, is no
 * place where another user can pre-create or swap the file. `wx`: never overwrite anything.
 */
export async function uploadTempContent(pool: Pick<SshPool, "client">, node: string, content: string | Buffer, label: string): Promise<string> {
  if (!/^[A-Za-z0-9@._-]+$/.test(label)) throw new OysterError("InvalidArgument", `${node}: refusing a temp file label ${JSON.stringify(label)}`, { node, label });
  const name = `.oyster-${label}.${randomBytes(6).toString("hex")}.tmp`;
  const sftp = await sftpOf(await pool.client(node), node);
  try {
    await new Promise<void>((resolve, reject) => {
      sftp.writeFile(name, content, { mode: 0o600, flag: "wx" }, (err) =>
        err ? reject(new OysterError("CommandFailed", `${node}: upload ${label}: ${err.message}`, { node }, { cause: err })) : resolve(),
      );
    }).catch(async (err: unknown) => {
      // A half-written temp file is of no use to anyone: leave nothing behind.
      await new Promise<void>((r) => sftp.unlink(name, () => r()));
      throw err;
    });
    return `~/${name}`;
  } finally {
    sftp.end();
  }
}
