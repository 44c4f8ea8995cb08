import { existsSync } from "node:fs";
import { join } from "node:path";
import { OysterError } from "../../../src/errors.ts";
import { sha256File } from "../../../src/files/sha256.ts";
import { uploadFileWithin } from "../../../src/ssh/index.ts";
import type { Detection, NodeCheck } from "./types.ts";

export const WRAPPER = "task-wrapper.sh";

const short = (hash: string | undefined) => (hash ? hash.slice(0, 12) : "missing");

/** The node's task-wrapper.sh equals the controller's; fix: push it (temp + rename, mode kept). */
export const wrapperVersion: NodeCheck = {
  name: "wrapper_version",
  scope: "node",
  needsUp: true,
  async detect(ctx, node): Promise<Detection> {
    const dir = ctx.config.oyster.dispatch.dir;
    const local = join(dir, WRAPPER);
    if (!existsSync(dir)) return { skip: `not configured: dispatch.dir ${dir} does not exist` };
    if (!existsSync(local)) return { skip: `not configured: the controller has no ${local}` };
    const want = sha256File(local);
    const have = (await ctx.hashes.of(node)).get(WRAPPER);
    if (have === want) return { ok: true, detail: `${WRAPPER} matches (${short(want)})` };
    return {
      ok: false,
      severity: "warning",
      detail: have ? `${WRAPPER} differs (node ${short(have)}, controller ${short(want)})` : `${WRAPPER} missing on the node`,
      fix: async () => {
        const target = ctx.ssh.target(node);
        await uploadFileWithin(ctx.ssh, node, local, target.dispatchDir, WRAPPER, ctx.config.oyster.ssh.commandTimeoutMs);
        ctx.hashes.forget(node);
        const now = (await ctx.hashes.of(node)).get(WRAPPER);
        if (now !== want) throw new OysterError("CommandFailed", `${node}: pushed ${WRAPPER} but its hash is ${short(now)}, not ${short(want)}`, { node });
        return `pushed ${WRAPPER} (${short(want)}), verified`;
      },
    };
  },
};
