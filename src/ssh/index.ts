export { SshPool, type NodeOutcome, type PoolOptions } from "./pool.ts";
export { resolveTarget, readSshConfig, type SshTarget } from "./resolve.ts";
export { KnownHostsFile, hostToken } from "./known-hosts.ts";
export { shellQuote, remoteShellPath } from "./quote.ts";
export { uploadFile, remoteSha256 } from "./remote-files.ts";
export { uploadTempContent } from "./upload-content.ts";
export type { ExecResult } from "./exec.ts";
export { mapLimit } from "./map-limit.ts";
export { createSshPool, resolveFleet } from "./create-pool.ts";
