// Fault suite, class "nodes": a node stopped, hung (on a fresh dial, and frozen mid-command on a
// kept connection), flapping for two minutes of guardian runs, re-keyed, out of disk during a
// sync, with a read-only dispatch dir, and with a sudo that wants a password. Every case runs on
// the real rig (one sshd per node) with the product's own CLI, guardian, SSH pool and state.db;
// the flapping case also delivers to the Slack stand-in. Each case ends with every node healthy
// again, so any one can run alone.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { runGuardian, type GuardianDeps } from "../../jobs/guardian/run-guardian.ts";
import type { CheckResult, GuardianReport } from "../../jobs/guardian/report.ts";
import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import { flapCount } from "../../src/alerts/flapping.ts";
import { openRuntime } from "../../src/runtime.ts";
import { makeFleet, type Fleet } from "../helpers/fleet-fixture.ts";
import { inProcessCli } from "../helpers/in-process-cli.ts";
import { writeKnownHosts } from "../helpers/rig/known-hosts.ts";
import { startRig, type Rig } from "../helpers/rig/index.ts";
import { startStandIn } from "../helpers/slack-standin/index.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { DELIVERY_CONFIG, deliveryEnv, fakeClock, repliesTo, shown, startOyster, topLevel } from "../integration/delivery/delivery-fixture.ts";
import { CORE, makeSyncFleet, type SyncFleet } from "../integration/sync/sync-fixture.ts";
import { fault } from "./fault-case.ts";

const NODES = ["node-1", "node-2", "node-3"];
const CONNECT_MS = 2000;
const COMMAND_MS = 3000;
const SSH = { connectTimeoutMs: CONNECT_MS, commandTimeoutMs: COMMAND_MS };

/**
 * What a run may take besides the timeouts it waits: twice what the same run took with every node
 * healthy (the CLI, state.db, the other nodes' round trips), at least 1.5 s. Less than a timeout
 * (on this machine's load), so `< timeouts × T + slack` tells one timeout from two.
 */
const slack = (healthyMs: number) => Math.max(1500, 2 * healthyMs);
const ms = (n: number) => `${Math.round(n)} ms`;

type NodeDoc = { node: string; status: string; changed: string[]; error?: { code: string; message: string } };
const syncRows = (doc: { nodes: NodeDoc[] }) => doc.nodes.map((n) => [n.node, n.status, n.error?.code]);
const result = (doc: { results: CheckResult[] }, check: string, node: string | null) => doc.results.find((r) => r.check === check && r.node === node);

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** The unit crashed (state failed) but nothing stops a restart from working. */
function crash(rig: Rig, node: string, unit = "agent-daemon"): void {
  rig.node(node).markBroken(unit, true);
  rig.node(node).markBroken(unit, false);
}

describe("fault suite: nodes", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  let version = 0;
  // A new dispatch.py on the controller, so that every node has something to receive.
  const bump = (content?: string) => fleet.write("dispatch.py", content ?? `# dispatch.py v${++version}\n`);

  before(async () => {
    rig = await startRig(3);
    fleet = makeSyncFleet(rig, { ssh: SSH });
    // dispatch.db exists and every node is online in it: later runs only change what a fault changes.
    const first = await fleet.oyster(["check"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
  });
  after(async () => rig?.close());

  fault("nodes", {
    broken: "a node stopped (sshd gone: connections refused)",
    holds: "guardian, sync and status report it at once, naming the node; the other nodes check, sync and answer as usual",
    quick: true,
  }, async () => {
    const healthyCheck = (await timed(() => fleet.oyster(["check"]))).ms;
    bump();
    const healthySync = (await timed(() => fleet.run(["sync", "--yes"]))).ms;
    await rig.node("node-3").stop();
    try {
      // A refused connection is an answer: no timeout is waited at all.
      const check = await timed(() => fleet.oyster(["check"]));
      assert.equal(check.value.code, 1);
      assert.ok(check.ms < slack(healthyCheck) + CONNECT_MS / 2, `check took ${ms(check.ms)} (healthy: ${ms(healthyCheck)})`);
      const down = result(check.value.doc, "node_availability", "node-3")!;
      assert.equal(down.status, "failed");
      assert.match(down.detail, /does not answer: .*node-3/);
      for (const n of ["node-1", "node-2"]) assert.equal(result(check.value.doc, "node_availability", n)?.status, "passed", n);

      bump();
      const sync = await timed(() => fleet.run(["sync", "--yes"]));
      assert.deepEqual(syncRows(sync.value.doc), [["node-1", "changed", undefined], ["node-2", "changed", undefined], ["node-3", "failed", "SshUnreachable"]]);
      assert.ok(sync.ms < slack(healthySync) + CONNECT_MS / 2, `sync took ${ms(sync.ms)} (healthy: ${ms(healthySync)})`);
      fleet.assertMatches("node-1");
      fleet.assertMatches("node-2");

      const status = await fleet.run(["status"]);
      assert.equal(status.code, 1);
      assert.deepEqual(status.doc.nodes.map((n: { name: string; reachable: boolean }) => [n.name, n.reachable]), [["node-1", true], ["node-2", true], ["node-3", false]]);
    } finally {
      await rig.node("node-3").start();
    }
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
    for (const n of NODES) fleet.assertMatches(n);
  });

  fault("nodes", {
    broken: "a node hung (SIGSTOP: TCP accepts, SSH never answers) on a fresh dial",
    holds: "each run waits one connect timeout for it, reports it not answering, and checks and syncs the other nodes",
    quick: true,
  }, async () => {
    const healthyCheck = (await timed(() => fleet.oyster(["check"]))).ms;
    bump();
    const healthySync = (await timed(() => fleet.run(["sync", "--yes"]))).ms;
    await rig.node("node-2").hang();
    try {
      const check = await timed(() => fleet.oyster(["check"]));
      assert.equal(check.value.code, 1);
      assert.ok(check.ms >= CONNECT_MS && check.ms < CONNECT_MS + slack(healthyCheck), `check took ${ms(check.ms)} (healthy: ${ms(healthyCheck)}): not one timeout`);
      const ssh = result(check.value.doc, "ssh_connection", "node-2")!;
      assert.equal(ssh.status, "failed");
      assert.match(ssh.detail, /not dialled again this run/);
      assert.equal(ssh.fixAttempts?.made ?? 0, 0, "no fix is counted for a node whose time is spent");
      for (const n of ["node-1", "node-3"]) assert.equal(result(check.value.doc, "ssh_connection", n)?.status, "passed", n);

      bump();
      const sync = await timed(() => fleet.run(["sync", "--yes"]));
      assert.deepEqual(syncRows(sync.value.doc), [["node-1", "changed", undefined], ["node-2", "failed", "SshTimeout"], ["node-3", "changed", undefined]]);
      assert.match(sync.value.doc.nodes[1].error.message, /no SSH session within \d+ ms/);
      assert.ok(sync.ms >= CONNECT_MS && sync.ms < CONNECT_MS + slack(healthySync), `sync took ${ms(sync.ms)} (healthy: ${ms(healthySync)}): not one timeout`);
    } finally {
      await rig.node("node-2").resume();
    }
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
    for (const n of NODES) fleet.assertMatches(n);
  });

  fault("nodes", {
    broken: "a node hung mid-command on a kept connection (a guardian fix's restart in flight when it froze)",
    holds: "the run ends after one command timeout, that node's fix reported timed out; the other nodes' fixes are done",
    quick: true,
  }, async () => {
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const deps: GuardianDeps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir }) };
    const node2 = rig.node("node-2");
    try {
      const healthy = await timed(() => runGuardian(deps, { fix: true }));
      assert.equal(healthy.value.ok, true);
      for (const n of NODES) assert.ok(rt.ssh.isOpen(n), `kept connection to ${n}`);
      for (const n of NODES) crash(rig, n);
      node2.holdRestarts("agent-daemon", true);
      const run = timed(() => runGuardian(deps, { fix: true }));
      await waitUntil(() => node2.restartHeld("agent-daemon") || undefined, "node-2's restart to be in flight", 10_000);
      const frozenAt = performance.now();
      await node2.hang();
      const { value: report } = await run;
      const waited = performance.now() - frozenAt;
      assert.ok(waited < COMMAND_MS + slack(healthy.ms), `the run went on ${ms(waited)} after the freeze (healthy run: ${ms(healthy.ms)}): more than one command timeout`);
      const mine = (n: string) => result(report, "node_availability", n)!;
      assert.equal(mine("node-2").status, "failed");
      assert.match(mine("node-2").detail, /fix attempt 1 of 2 failed: agent-daemon failed -> \S+ \(restart exit none: SshTimeout: node-2: command did not finish within 3000 ms, and the connection stopped answering \(the node froze under it\)\)/);
      for (const n of ["node-1", "node-3"]) {
        assert.equal(mine(n).status, "fixed", `${n}: ${mine(n).detail}`);
        assert.equal(rig.node(n).unitState("agent-daemon"), "active");
      }
    } finally {
      await node2.resume();
      node2.holdRestarts("agent-daemon", false);
      await waitUntil(() => !node2.restartHeld("agent-daemon") || undefined, "the held restart to finish", 10_000);
      await rt.close();
    }
    // Back: the next runs heal it (its ledger is its own; the other nodes' are untouched).
    const healed = await waitUntil(async () => result((await fleet.oyster(["check"])).doc, "node_availability", "node-2")?.status === "passed" || undefined, "node-2 to check healthy again", 15_000);
    assert.ok(healed);
  });

  fault("nodes", {
    broken: "a node hung while the guardian pushes it task-wrapper.sh (frozen mid-upload)",
    holds: "the run ends after one command timeout (not when keepalives give up), the push reported timed out on a frozen node; requests then told at once",
  }, async () => {
    const push = makeFleet(rig, { ssh: SSH });
    const rt = openRuntime({ processEnv: push.env, stderrLevel: "silent" });
    const deps: GuardianDeps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir }) };
    const node2 = rig.node("node-2");
    try {
      const healthy = await timed(() => runGuardian(deps, { fix: true }));
      assert.equal(healthy.value.ok, true, JSON.stringify(healthy.value.results.filter((r) => r.status !== "passed")));
      // A new wrapper, big enough to be on the wire when node-2 freezes; the other nodes have it already.
      const wrapper = `#!/bin/sh\n# task-wrapper v2\n${"#".repeat(8 * 1024 * 1024)}\nexec "$@"\n`;
      writeFileSync(join(push.dispatchDir, "task-wrapper.sh"), wrapper);
      for (const n of ["node-1", "node-3"]) push.putOnNode(n, "task-wrapper.sh", wrapper, 0o755);
      const onTheWire = () => readdirSync(node2.dispatchDir).some((f) => f.startsWith(".task-wrapper.sh.oyster-") && (statSync(join(node2.dispatchDir, f), { throwIfNoEntry: false })?.size ?? 0) > 0);
      const run = runGuardian(deps, { fix: true });
      await waitUntil(() => onTheWire() || undefined, "task-wrapper.sh to be on its way to node-2", 30_000);
      const frozenAt = performance.now();
      await node2.hang();
      const report = await run;
      const waited = performance.now() - frozenAt;
      assert.ok(waited < COMMAND_MS + slack(healthy.ms), `the run went on ${ms(waited)} after the freeze (healthy run: ${ms(healthy.ms)}): more than one command timeout`);
      const pushed = result(report, "wrapper_version", "node-2")!;
      assert.equal(pushed.status, "failed");
      assert.match(pushed.detail, /fix attempt 1 of 2 failed: node-2: upload of task-wrapper\.sh did not finish within 3000 ms, and the connection stopped answering \(the node froze under it\)/);
      for (const n of ["node-1", "node-3"]) assert.equal(result(report, "wrapper_version", n)?.status, "passed", n);
      // Requests are told at once for the backoff; the next run's probe dials it and finds it hung.
      await assert.rejects(rt.ssh.exec("node-2", "true"), /not answering since/);
    } finally {
      await node2.resume();
      await rt.close();
    }
    const healed = await push.oyster(["check", "wrapper_version"]);
    assert.equal(result(healed.doc, "wrapper_version", "node-2")?.status, "fixed");
    // The suite's main controller pushes its own wrapper back.
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
  });

  fault("nodes", {
    broken: "a node hung mid-sync, while a file is being uploaded to it (SIGSTOP with the temp file half written)",
    holds: "one upload timeout for that node, its queued files not tried; each of its files old or new, never partial; the others sync; back, it syncs",
    timeoutMs: 120_000,
  }, async () => {
    // Files to push to node-2: four big enough to be on the wire together when the node freezes
    // (four upload at once), two small ones queued behind them.
    const extras = ["extra-1", "extra-2", "extra-3", "extra-4"];
    // An upload's deadline is ssh.commandTimeoutMs for the whole file. A queued file dialling the
    // frozen node would wait connectTimeoutMs more.
    const uploadMs = 6000;
    const big = makeSyncFleet(rig, { ssh: { connectTimeoutMs: 5000, commandTimeoutMs: uploadMs }, oyster: { sync: { files: [...CORE, ...extras] } } });
    for (const f of extras) big.write(f, `${f} v1\n`);
    const healthy = await timed(() => big.run(["sync", "--yes"]));
    assert.equal(healthy.value.code, 0);
    const large = (what: string) => `# ${what}, large\n${"#".repeat(8 * 1024 * 1024)}\n`;
    const bigOnes = ["dispatch.py", "task-watcher.py", "extra-1", "extra-2"];
    for (const f of bigOnes) big.write(f, large(f), f === "task-watcher.py" ? 0o750 : 0o644);
    for (const f of ["extra-3", "extra-4"]) big.write(f, `${f} v2\n`);
    const node2 = rig.node("node-2");
    const old = Object.fromEntries([...bigOnes, "extra-3", "extra-4"].map((f) => [f, readFileSync(join(node2.dispatchDir, f), "utf8")]));
    const onTheWire = () => readdirSync(node2.dispatchDir).filter((f) => f.includes(".oyster-") && (statSync(join(node2.dispatchDir, f), { throwIfNoEntry: false })?.size ?? 0) > 0).length;
    const run = big.run(["sync", "node-2", "--yes"]);
    try {
      await waitUntil(() => onTheWire() >= bigOnes.length || undefined, "four uploads to be on their way to node-2", 60_000);
      const frozenAt = performance.now();
      await node2.hang();
      const { code, doc } = await run;
      const waited = performance.now() - frozenAt;
      assert.equal(code, 1);
      assert.deepEqual(syncRows(doc), [["node-2", "failed", "SshTimeout"]]);
      assert.match(doc.nodes[0].error.message, /^node-2: upload of \S+ did not finish within 6000 ms$/);
      assert.ok(waited < uploadMs + slack(healthy.ms), `the sync went on ${ms(waited)} after the freeze (healthy: ${ms(healthy.ms)}): more than one timeout`);
      // Every file is the old one or the new one, never a part of one.
      for (const [f, before] of Object.entries(old)) {
        const now = readFileSync(join(node2.dispatchDir, f), "utf8");
        assert.ok(now === before || now === (bigOnes.includes(f) ? large(f) : `${f} v2\n`), `node-2's ${f} is whole`);
      }
      // The rest of the fleet syncs meanwhile.
      const others = await big.run(["sync", "node-1", "node-3", "--yes"]);
      assert.deepEqual(syncRows(others.doc), [["node-1", "changed", undefined], ["node-3", "changed", undefined]]);
    } finally {
      await node2.resume();
      await run.catch(() => undefined);
    }
    assert.equal((await big.run(["sync", "--yes"])).code, 0);
    for (const n of NODES) big.assertMatches(n);
    // Leave the nodes as the suite's other controller wants them (and a small dispatch.py).
    bump();
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
  });

  fault("nodes", {
    broken: "a node flapping: down and up every few seconds (its daemon crashed at each comeback) over two minutes of guardian runs",
    holds: "one incident: one alert id reopened, noted as flapping, one Slack post then edits, no alert storm; fix attempts max_fix_attempts in all",
    quick: true,
  }, async () => {
    const standIn = await startStandIn();
    const clock = fakeClock();
    const flapFleet: Fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG, ssh: SSH, guardian: { interval_seconds: 5, max_fix_attempts: 2 } });
    const oyster = await startOyster(deliveryEnv(flapFleet, { standIn }), clock);
    const node2 = rig.node("node-2");
    const reports: GuardianReport[] = [];
    try {
      // A cycle of five 5-second runs: down, down, back with its daemon crashed, up, up. Two down
      // runs raise (guardian.alertAfter 2); two passing runs close the fix-attempt incident.
      for (let run = 0; run < 24; run++) {
        const phase = run % 5;
        if (phase === 0) await node2.stop();
        if (phase === 2) {
          crash(rig, "node-2");
          await node2.start();
        }
        reports.push(await oyster.guardianStep());
        clock.advance(5_000);
      }
    } finally {
      await node2.start();
      await oyster.close();
      await standIn.close();
    }
    const mine = reports.map((r) => result(r, "node_availability", "node-2")!);
    const ids = new Set(mine.flatMap((r) => (r.alert ? [r.alert.id] : [])));
    assert.equal(ids.size, 1, `one alert id across the flapping, saw ${[...ids].join(", ")}`);
    const rt = openRuntime({ processEnv: flapFleet.env, stderrLevel: "silent" });
    try {
      const alerts = alertBookFor({ ...rt, dataDir: rt.env.dataDir }).list("all");
      assert.deepEqual(alerts.map((a) => [a.check, a.node]), [["node_availability", "node-2"]], "no other alert at all");
      assert.ok(flapCount(alerts[0]!.message) >= 2, `noted as flapping: ${alerts[0]!.message}`);
      const fixes = rt.store.db.prepare("SELECT COUNT(*) AS n FROM fixes WHERE check_name = 'node_availability' AND node = 'node-2'").get() as { n: number };
      assert.equal(fixes.n, 2, "max_fix_attempts (2) fixes in all, not one per comeback");
    } finally {
      await rt.close();
    }
    // The third comeback (run 12) found the budget spent: reported, not tried again.
    assert.match(mine[12]!.detail, /services not running: agent-daemon failed .*auto-fix stopped for this incident after 2/);

    const posts = topLevel(standIn);
    assert.equal(posts.length, 1, "one Slack post for the whole flapping");
    assert.ok(posts[0]!.updates >= 4, `later changes are edits of it (saw ${posts[0]!.updates})`);
    assert.match(shown(posts[0]), /flapping: reopened \d+ times/);
    const thread = repliesTo(standIn, posts[0]!.ts).map((m) => m.text ?? "");
    assert.equal(thread.length, 2, `the first resolution and the first reopening notify; later swings only edit: ${JSON.stringify(thread)}`);
    assert.match(thread[0]!, /resolved after/);
    assert.match(thread[1]!, /failing again soon after it resolved \(flapping\)/);
    assert.equal(standIn.messages().length, 3);
  });

  fault("nodes", {
    broken: "a node's host key changed mid-life (sshd re-keyed), with ssh.hostKeyPolicy accept-new",
    holds: "one critical alert, the same one run after run; nothing is pushed to it (sync refuses); known_hosts unchanged, no key accepted",
    quick: true,
  }, async () => {
    const keyed = makeSyncFleet(rig, { ssh: { ...SSH, hostKeyPolicy: "accept-new" } });
    assert.equal((await keyed.run(["sync", "--yes"])).code, 0);
    const known = readFileSync(rig.knownHostsPath);
    const node1 = rig.node("node-1");
    await node1.rekey();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { doc } = await keyed.oyster(["check"]);
        const r = result(doc, "ssh_connection", "node-1")!;
        assert.equal(r.status, "failed");
        assert.match(r.detail, /HOST KEY CHANGED/);
        assert.equal(r.fixAttempts, undefined, "never fixed");
        ids.push(r.alert!.id);
      }
      assert.equal(new Set(ids).size, 1, "the same alert each run");
      const open = await keyed.oyster(["alerts", "--all"]);
      assert.deepEqual(open.doc.alerts.map((a: { check: string; node: string; severity: string }) => [a.check, a.node, a.severity]), [["ssh_connection", "node-1", "critical"]]);

      const stamps = keyed.stamps("node-1");
      keyed.write("dispatch.py", "# dispatch.py for the re-key case\n");
      const sync = await keyed.run(["sync", "--yes"]);
      assert.equal(sync.code, 1);
      assert.deepEqual(syncRows(sync.doc), [["node-1", "failed", "HostKeyMismatch"], ["node-2", "changed", undefined], ["node-3", "changed", undefined]]);
      assert.deepEqual(keyed.stamps("node-1"), stamps, "nothing pushed to the re-keyed node");
      assert.deepEqual(readFileSync(rig.knownHostsPath), known, "known_hosts unchanged: the new key was not accepted");
    } finally {
      // The operator's part, done by hand: check the node, then trust its new key.
      writeKnownHosts(rig.knownHostsPath, rig.nodes);
    }
    assert.equal((await keyed.run(["sync", "--yes"])).code, 0);
  });

  fault("nodes", {
    broken: "the node's disk is full during a sync (its dispatch dir on a small tmpfs with a few KB free)",
    holds: "that node fails naming the cause; its old file stays whole, no temp file is left; the other nodes sync; freed, it syncs",
    quick: true,
  }, async (t) => {
    const node2 = rig.node("node-2");
    const why = node2.mountSmallDisk(256 * 1024);
    if (why) return t.skip(why);
    try {
      // The node's files as a sync left them, on the small disk, then a filler up to ~8 KB free.
      bump();
      assert.equal((await fleet.run(["sync", "node-2", "--yes"])).code, 0);
      const old = readFileSync(join(node2.dispatchDir, "dispatch.py"));
      const filler = join(node2.dispatchDir, "filler.bin");
      const s = statfsSync(node2.dispatchDir);
      writeFileSync(filler, Buffer.alloc(Math.max(0, s.bavail * s.bsize - 8192)));

      bump(`# dispatch.py, too big for the space left\n${"#".repeat(64 * 1024)}\n`);
      const full = await fleet.run(["sync", "--yes"]);
      assert.equal(full.code, 1);
      assert.deepEqual(syncRows(full.doc), [["node-1", "changed", undefined], ["node-2", "failed", "DiskFull"], ["node-3", "changed", undefined]]);
      assert.match(full.doc.nodes[1].error.message, /^node-2: upload dispatch\.py: no space left on the node's disk: [\d.]+ (KiB )?of 256 KiB free on \/\S+\/dispatch, the file needs 64(\.\d)? KiB; free some space there and try again$/);
      assert.deepEqual(readFileSync(join(node2.dispatchDir, "dispatch.py")), old, "the old file is whole");
      assert.deepEqual(readdirSync(node2.dispatchDir).filter((f) => f.includes(".oyster-")), [], "no temp file left");

      writeFileSync(filler, "");
      assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
      fleet.assertMatches("node-2");
    } finally {
      node2.unmountSmallDisk();
    }
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
  });

  fault("nodes", {
    broken: "a node's dispatch dir read-only (chmod 0555: the node user cannot write it)",
    holds: "sync fails that node with Permission denied, leaves no temp file, syncs the others; writable again, it syncs",
    quick: true,
  }, async () => {
    const node1 = rig.node("node-1");
    bump();
    await node1.setReadOnly(true);
    try {
      const sync = await fleet.run(["sync", "--yes"]);
      assert.equal(sync.code, 1);
      assert.deepEqual(syncRows(sync.doc), [["node-1", "failed", "CommandFailed"], ["node-2", "changed", undefined], ["node-3", "changed", undefined]]);
      assert.match(sync.doc.nodes[0].error.message, /node-1: upload dispatch\.py: Permission denied/);
      assert.deepEqual(readdirSync(node1.dispatchDir).filter((f) => f.includes(".oyster-")), [], "no temp file left");
      fleet.assertMatches("node-2");
      fleet.assertMatches("node-3");
    } finally {
      await node1.setReadOnly(false);
    }
    assert.equal((await fleet.run(["sync", "--yes"])).code, 0);
    fleet.assertMatches("node-1");
  });

  fault("nodes", {
    broken: "sudo on a node asks for a password (no NOPASSWD for the node user)",
    holds: "restart and the guardian's restart fix are refused at once with sudo's reason, never waiting on a prompt; other nodes restart",
    quick: true,
  }, async () => {
    const cli = inProcessCli(fleet.env);
    const guarded = makeFleet(rig, { ssh: SSH });
    const node1 = rig.node("node-1");
    node1.sudoNeedsPassword(true);
    try {
      const restart = await timed(() => cli(["restart", "daemon", "node-1", "--yes", "--json"]));
      assert.equal(restart.value.code, 1);
      assert.ok(restart.ms < COMMAND_MS, `refused in ${ms(restart.ms)}, not after a timeout`);
      assert.equal(restart.value.doc.ok, false);
      assert.match(restart.value.doc.steps[1].stderr, /sudo: a password is required/);
      const text = await cli(["restart", "daemon", "node-1", "--yes"]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^restart agent-daemon on node-1: FAILED/);
      assert.match(text.stdout, /sudo: a password is required/);
      assert.equal((await cli(["restart", "daemon", "node-2", "--yes", "--json"])).code, 0, "node-2's sudo is fine");

      // The guardian's fix: a controller of its own, so no earlier case's fix attempts count here.
      crash(rig, "node-1");
      const check = await timed(() => guarded.oyster(["check", "node_availability"]));
      assert.ok(check.ms < COMMAND_MS, `the guardian's fix refused in ${ms(check.ms)}, not after a timeout`);
      const r = result(check.value.doc, "node_availability", "node-1")!;
      assert.equal(r.status, "failed");
      assert.match(r.detail, /fix attempt 1 of \d+ failed: agent-daemon failed -> failed \(restart exit 1: sudo: a password is required\)/);
      assert.ok(!node1.calls().some((c) => c.startsWith("sudo systemctl")), "sudo is only ever run with -n");
    } finally {
      node1.sudoNeedsPassword(false);
    }
    const healed = await guarded.oyster(["check", "node_availability"]);
    assert.equal(result(healed.doc, "node_availability", "node-1")?.status, "fixed");
  });
});
