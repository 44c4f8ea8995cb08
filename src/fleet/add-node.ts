import { basename } from "node:path";
import type { CommandContext, Plan } from "../command/types.ts";
import { reloadFleet } from "../config/fleet-reload.ts";
import { addNodeToFile } from "../config/nodes-file-write.ts";
import { firstSync } from "./first-sync.ts";
import { consoleCommand, hostKeyView, refuseBadKey, refuseUncheckedKey, type HostKeyView } from "./host-key-judge.ts";
import { dialOptionsFor, probeHostKey, type ProbedHostKey } from "./host-key-probe.ts";
import type { AddArgs } from "./nodes-args.ts";
import { withNodesFileLock } from "./nodes-file-lock.ts";
import { describeAddress, entryOf, newNodeTarget } from "./new-node.ts";
import { proveAndRecord } from "./trust-host-key.ts";

export type AddStepName = "host-key" | "nodes.json" | "sync" | "first-check";
export interface AddStep { step: AddStepName; status: "ok" | "failed" | "skipped"; detail: string }
/** One finding of the guardian's checks on the new node (detect only). */
export interface FirstFinding { check: string; status: string; detail: string }

export interface AddData {
  action: "add";
  node: string;
  /** `user@host:port`, and where what was not given came from. */
  address: string;
  hostKey: HostKeyView;
  steps: AddStep[];
  /** What the guardian's first run on the node finds: its checks, detect only. */
  firstCheck: FirstFinding[];
}

export interface AddDeps {
  /** The guardian's checks on one node, detect only (commands/ wires jobs/guardian in). */
  firstCheck(node: string): Promise<FirstFinding[]>;
}

async function probe(ctx: CommandContext, args: AddArgs) {
  const target = newNodeTarget(ctx, args);
  const opts = dialOptionsFor(ctx.config, ctx.env);
  const probed = await probeHostKey(target, opts);
  refuseBadKey(target, probed, opts.knownHosts.path, args.fingerprint);
  return { target, opts, probed };
}

function keyStep(ctx: CommandContext, p: ProbedHostKey): string {
  const { key } = p;
  const seen = `${key.token} presents ${key.keyType} ${key.fingerprint}`;
  if (p.verdict.kind === "known") return `host key: ${seen}, already trusted in ${ctx.config.oyster.ssh.knownHostsFile}`;
  if (ctx.config.oyster.ssh.hostKeyPolicy === "accept-new") return `host key: ${seen}, new; recorded in known_hosts once a login with exactly this key succeeds (accept-new)`;
  return `host key: ${seen}, NOT in known_hosts: confirming trusts exactly this key. Compare it first with the node's own (\`${consoleCommand(key.keyType)}\` on its console)`;
}

/** The plan: where the node is, the key it presented (the probe's one read), and what will be written. */
export async function planAdd(ctx: CommandContext, args: AddArgs): Promise<Plan> {
  const { target, probed } = await probe(ctx, args);
  const files = ctx.config.oyster.sync.files;
  return {
    summary: `add ${args.name} (${describeAddress(target)}) to the fleet`,
    steps: [
      keyStep(ctx, probed),
      `nodes.json: append ${JSON.stringify(entryOf(args))} (atomic; the previous file kept as nodes.json.bak)`,
      `create ${target.dispatchDir} on the node and sync ${files.join(", ")} to it`,
      "then run the guardian's checks on it (detect only) and show what they find",
    ],
    // The confirmed run trusts the key shown here and no other.
    ...(args.fingerprint ? {} : { pin: ["--fingerprint", probed.key.fingerprint] }),
  };
}

/**
 * `nodes add`: the key checked and trusted (or refused, with nothing written), then nodes.json,
 * the dispatch dir and the core files, then the guardian's view of the node. Steps after
 * nodes.json never throw: they report, and the node stays in the fleet for a later sync.
 */
export async function addNode(ctx: CommandContext, args: AddArgs, deps: AddDeps): Promise<{ ok: boolean; data: AddData }> {
  const { target, opts, probed } = await probe(ctx, args);
  const steps: AddStep[] = [];
  const hostKey = hostKeyView(probed);
  if (probed.verdict.kind === "known") {
    steps.push({ step: "host-key", status: "ok", detail: `${probed.key.keyType} ${probed.key.fingerprint} already trusted for ${probed.key.token}` });
  } else {
    if (ctx.config.oyster.ssh.hostKeyPolicy === "strict" && !args.fingerprint) refuseUncheckedKey(target, probed, opts.knownHosts.path);
    const recorded = await proveAndRecord(target, probed, opts);
    if (recorded === "written") auditTrust(ctx, args.name, probed);
    ctx.log.warn({ node: args.name, host: probed.key.token, fingerprint: probed.key.fingerprint, recorded }, "host key trusted by nodes add");
    steps.push({ step: "host-key", status: "ok", detail: `logged in with exactly ${probed.key.keyType} ${probed.key.fingerprint}; ${recorded === "written" ? "recorded" : "already recorded (meanwhile)"} for ${probed.key.token} in ${opts.knownHosts.path}` });
  }

  const written = await withNodesFileLock(ctx.store, { label: ctx.caller.who }, () => addNodeToFile(ctx.config.dir, entryOf(args), { env: ctx.env }));
  const reload = reloadFleet({ config: ctx.config, ssh: ctx.ssh, log: ctx.log, env: ctx.env });
  const kept = written.backup ? `; previous copy in ${basename(written.backup)}` : "";
  if (!reload.ok || !ctx.ssh.nodeNames.includes(args.name)) {
    steps.push({ step: "nodes.json", status: "failed", detail: `added to ${written.path}${kept}, but the fleet did not reload: ${reload.problems.join("; ")}` });
    steps.push({ step: "sync", status: "skipped", detail: "not tried: the node is not in this process's fleet" }, { step: "first-check", status: "skipped", detail: "not tried" });
    return { ok: false, data: { action: "add", node: args.name, address: describeAddress(target), hostKey, steps, firstCheck: [] } };
  }
  steps.push({ step: "nodes.json", status: "ok", detail: `added ${args.name} to ${written.path}${kept}` });

  const synced = await firstSync({ config: ctx.config, ssh: ctx.ssh, store: ctx.store, owner: ctx.caller.who }, ctx.log, args.name, ctx.ssh.target(args.name).dispatchDir);
  steps.push({ step: "sync", ...synced });

  let firstCheck: FirstFinding[] = [];
  try {
    firstCheck = await deps.firstCheck(args.name);
    const failed = firstCheck.filter((f) => f.status === "failed");
    steps.push({ step: "first-check", status: failed.length ? "failed" : "ok", detail: failed.length ? `the guardian finds ${failed.map((f) => f.check).join(", ")} failing` : `the guardian finds nothing wrong (${firstCheck.length} checks)` });
  } catch (err) {
    steps.push({ step: "first-check", status: "failed", detail: `the guardian's checks could not run: ${(err as Error).message}` });
  }
  const ok = steps.every((s) => s.status !== "failed");
  return { ok, data: { action: "add", node: args.name, address: describeAddress(target), hostKey, steps, firstCheck } };
}

/** Trusting a host key changes what Oyster connects to: on record like accept-new's, with who confirmed it. */
function auditTrust(ctx: CommandContext, node: string, p: ProbedHostKey): void {
  const id = ctx.store.audit.start({
    who: ctx.caller.who, via: ctx.caller.via, ...(ctx.caller.channel ? { channel: ctx.caller.channel } : {}), command: "known-hosts",
    args: { action: "nodes add", node, host: p.key.token, keyType: p.key.keyType, fingerprint: p.key.fingerprint }, decision: "confirmed",
  });
  ctx.store.audit.finish(id, "ok", 0);
}
