import { remoteSha256, type SshPool } from "../../src/ssh/index.ts";

/**
 * Remote file hashes for one guardian run: every file any check compares is hashed in one round
 * trip per node, the first time a check asks; a fix calls `forget` so its verify re-reads.
 */
export class RemoteHashes {
  private readonly cache = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly ssh: SshPool, private readonly files: readonly string[]) {}

  of(node: string): Promise<Map<string, string>> {
    let pending = this.cache.get(node);
    if (!pending) {
      pending = remoteSha256(this.ssh, node, this.ssh.target(node).dispatchDir, this.files);
      this.cache.set(node, pending);
      pending.catch(() => this.cache.delete(node));
    }
    return pending;
  }

  forget(node: string): void {
    this.cache.delete(node);
  }
}
