// Node resources against real sshd nodes: their real disk (the rig's nodes are this machine), a
// real tmpfs filled and emptied under a node's dispatch dir (where root may mount), and a node
// whose df is broken. All read in the guardian's one probe round trip per node.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runGuardian, type GuardianDeps } from "../../../jobs/guardian/run-guardian.ts";
import { status } from "../../../commands/status.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import { runCli } from "../../../src/cli.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { runSsh } from "../../helpers/rig/ssh-client.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

const SERVICES = ["agent-daemon"];
const LENIENT = { disk: [99, 100], inodes: [99, 100], memory: [1, 0] };
type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string } };
type AlertFile = { id: string; check: string; node: string | null; severity: string; status: string; message: string; attempts: number };

describe("guardian: node resources", () => {
  let rig: Rig;
  let fleet: Fleet;
  const setResources = (resources: object) => {
    const path = join(fleet.configDir, "oyster.json");
    const o = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...o, guardian: { ...o.guardian, resources } }));
  };
  const alertFiles = (): AlertFile[] => {
    const dir = join(fleet.dataDir, "guardian_alerts");
    return readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as AlertFile);
  };
  const openOn = (node: string, prefix: string) => alertFiles().filter((a) => a.status !== "resolved" && a.node === node && a.check.startsWith(prefix));
  const check = async () => (await fleet.oyster(["check"])).doc as { results: Result[]; storm: string[] | null };
  const resultsOf = (doc: { results: Result[] }, node: string, prefix: string) => doc.results.filter((r) => r.node === node && r.check.startsWith(prefix));
  /** What df itself says on the node over real OpenSSH, split by hand: mount point -> used %. */
  const dfOnNode = async (node: string): Promise<Map<string, number>> => {
    const r = await runSsh(rig, node, `df -Pk / "$HOME" '${rig.node(node).dispatchDir}'`);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").slice(1).map((l) => l.trim().split(/\s+/));
    return new Map(lines.map((f) => [f.slice(5).join(" "), Number((f[4] ?? "").replace("%", ""))]));
  };

  before(async () => {
    rig = await startRig(3, { services: SERVICES });
    // Drift checks off: the probe is then the whole of a healthy run's traffic to a node.
    const checks = { db_schema: true, node_availability: true, ssh_connection: true, wrapper_version: false, param_alignment: false };
    fleet = makeFleet(rig, { services: SERVICES, ssh: { connectTimeoutMs: 1500 }, guardian: { checks } });
  });
  after(async () => rig?.close());

  it("thresholds the rig's real disk crosses: one alert per node at once, naming the filesystem and its used %; no storm", async () => {
    setResources({ ...LENIENT, disk: [1, 100] });
    try {
      const doc = await check();
      assert.equal(doc.storm, null, "three nodes over a disk line are not a reachability storm");
      assert.ok(!doc.results.some((r) => r.check === "storm"));
      const ids = new Map<string, string>();
      for (const n of rig.nodes) {
        const want = await dfOnNode(n.name);
        const alerts = openOn(n.name, "disk");
        assert.deepEqual(alerts.map((a) => a.check).sort(), [...want.keys()].map((m) => `disk:${m}`).sort(), `${n.name}: one alert per filesystem, on the first run`);
        for (const a of alerts) {
          const mount = a.check.slice("disk:".length);
          const m = new RegExp(`^${n.name}: disk ${mount.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} (\\d+)% used \\([\\d.]+ (?:[KMGT]iB )?of [\\d.]+ [KMGT]iB\\)$`).exec(a.message);
          assert.ok(m, a.message);
          assert.ok(Math.abs(Number(m[1]) - (want.get(mount) ?? -99)) <= 1, `${a.message} vs df's ${want.get(mount)}%`);
          assert.deepEqual([a.severity, a.attempts], ["warning", 0]);
          ids.set(a.check + n.name, a.id);
        }
        assert.deepEqual(openOn(n.name, "inodes"), []);
        assert.deepEqual(openOn(n.name, "memory"), []);
      }
      // The next run updates the same alerts: still one per node and filesystem.
      await check();
      for (const n of rig.nodes) for (const a of openOn(n.name, "disk")) assert.equal(ids.get(a.check + n.name), a.id);
      assert.equal(alertFiles().filter((a) => a.check.startsWith("disk") && a.status !== "resolved").length, ids.size);

      // A node that does not answer has no reading: nothing judged, its disk alert left open.
      await rig.node("node-1").stop();
      try {
        const down = await check();
        assert.deepEqual(resultsOf(down, "node-1", "disk"), []);
        assert.deepEqual(resultsOf(down, "node-1", "memory"), []);
        assert.ok(openOn("node-1", "disk:").length > 0, "not resolved by a missing reading");
      } finally {
        await rig.node("node-1").start();
      }
    } finally {
      setResources(LENIENT);
    }
    // Back under the line (minus the hysteresis): every one resolved.
    await check();
    assert.deepEqual(alertFiles().filter((a) => a.check.startsWith("disk") && a.status !== "resolved"), []);
  });

  it("a healthy run still makes one round trip per node, and that one reads units, disks and memory", async () => {
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    try {
      const now = () => new Date();
      const deps: GuardianDeps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now, dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir, now }) };
      const commands: Array<[string, string]> = [];
      const exec = rt.ssh.exec.bind(rt.ssh);
      rt.ssh.exec = (node, command, opts) => {
        commands.push([node, command]);
        return exec(node, command, opts);
      };
      const report = await runGuardian(deps, { fix: true });
      assert.equal(report.ok, true, JSON.stringify(report.results.filter((r) => r.status === "failed")));
      for (const n of rig.nodes) {
        const mine = commands.filter(([node]) => node === n.name).map(([, c]) => c);
        assert.equal(mine.length, 1, mine.join("\n"));
        for (const part of ["systemctl show", "df -Pk", "df -Pi", "/proc/meminfo"]) assert.ok(mine[0]!.includes(part), `${part} in ${mine[0]}`);
        const read = report.results.filter((r) => r.node === n.name).map((r) => r.check);
        assert.ok(read.includes("disk:/") && read.includes("memory"), read.join(", "));
      }
    } finally {
      await rt.close();
    }
  });

  it("status shows disk and memory per node, read in its one exec per node", async () => {
    const doc = (await fleet.oyster(["status"])).doc as { nodes: Array<Record<string, any>> };
    for (const n of doc.nodes) {
      assert.equal(n.reachable, true);
      assert.equal(typeof n.latencyMs, "number");
      assert.match(n.disk.mount, /^\//);
      assert.ok(n.disk.usedPercent >= 0 && n.disk.usedPercent <= 100);
      assert.ok(n.filesystems.length >= 1 && n.filesystems.every((f: { usedPercent: number }) => f.usedPercent <= n.disk.usedPercent), "disk is the fullest");
      assert.ok(n.memory.totalBytes > 0 && n.memory.availablePercent > 0 && n.memory.availablePercent <= 100);
    }
    const out = captureOutput();
    assert.equal(await runCli(["status"], { env: fleet.env, out: out.out }), 0, out.stderr);
    assert.match(out.stdout, /^NODE +STATE +LATENCY +UPTIME +LOAD +DISK +MEMORY FREE$/m);
    for (const n of rig.nodes) assert.match(out.stdout, new RegExp(`^${n.name} +up +\\d+ ms .* \\d+% /\\S* +\\d+% \\([\\d.]+ (?:[KMGT]iB )?of [\\d.]+ [KMGT]iB\\)$`, "m"));

    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    try {
      const commands: string[] = [];
      const exec = rt.ssh.exec.bind(rt.ssh);
      rt.ssh.exec = (node, command, opts) => {
        commands.push(node);
        return exec(node, command, opts);
      };
      const ctx = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, caller: { who: "cli:t", via: "cli" as const, role: "admin" as const }, now: () => new Date(), env: fleet.env, dataDir: rt.env.dataDir, commands: [] };
      const r = await status.run(ctx, { nodes: [] });
      assert.ok(r.data.nodes.every((n) => n.disk && n.memory));
      assert.deepEqual(commands.sort(), rig.nodes.map((n) => n.name));
    } finally {
      await rt.close();
    }
  });

  it("a node whose df is broken: no crash, a clear detail, a warning after alertAfter runs, resolved when df answers again", async () => {
    const shim = join(rig.node("node-3").binDir, "df");
    writeFileSync(shim, "#!/bin/sh\necho \"df: this df speaks no POSIX\" >&2\nexit 1\n", { mode: 0o755 });
    let alertId = "";
    try {
      const first = await check();
      const disk = resultsOf(first, "node-3", "disk");
      assert.deepEqual(disk, [{ check: "disk", node: "node-3", status: "failed", detail: "disk use could not be read: df -Pk exited 1: df: this df speaks no POSIX; no automatic fix" }]);
      assert.equal(resultsOf(first, "node-3", "node_availability")[0]?.status, "passed");
      assert.equal(resultsOf(first, "node-3", "memory")[0]?.status, "passed", "memory is still read");
      assert.equal(resultsOf(first, "node-1", "disk:/")[0]?.status, "passed", "the other nodes are unaffected");
      const second = await check();
      alertId = resultsOf(second, "node-3", "disk")[0]?.alert?.id ?? "";
      const file = alertFiles().find((a) => a.id === alertId);
      assert.deepEqual([file?.check, file?.severity, file?.message], ["disk", "warning", "node-3: disk use could not be read: df -Pk exited 1: df: this df speaks no POSIX"]);
    } finally {
      rmSync(shim, { force: true });
    }
    const back = await check();
    assert.deepEqual(resultsOf(back, "node-3", "disk").find((r) => r.check === "disk")?.alert, { id: alertId, status: "resolved" });
    assert.equal(resultsOf(back, "node-3", "disk:/")[0]?.status, "passed");
  });

  it("a dispatch dir on its own small filesystem filling up: warning, critical, held open in the band, resolved 2 points under", async (t) => {
    const dir = rig.node("node-2").dispatchDir;
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m,mode=0777", "tmpfs", dir], { stdio: "pipe" });
    } catch (err) {
      return t.skip(`cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]})`);
    }
    const fill = join(dir, "agent-checkouts.bin");
    const size = (pages: number) => writeFileSync(fill, Buffer.alloc(pages * 4096, 1));
    const alertOf = () => openOn("node-2", `disk:${dir}`);
    try {
      setResources({ ...LENIENT, disk: [50, 80] });
      size(640); // 2.5 of 4 MiB
      await check();
      const [raised] = alertOf();
      assert.deepEqual([raised?.severity, raised?.message], ["warning", `node-2: disk ${dir} 63% used (2.5 of 4 MiB)`]);
      assert.deepEqual(openOn("node-1", `disk:${dir}`), [], "another node's dispatch dir is another filesystem");

      size(870);
      await check();
      assert.deepEqual(alertOf().map((a) => [a.id, a.severity, a.message]), [[raised!.id, "critical", `node-2: disk ${dir} 85% used (3.4 of 4 MiB)`]]);

      truncateSync(fill, 500 * 4096); // 49%: under the line, inside the band
      const held = await check();
      assert.deepEqual(alertOf().map((a) => [a.id, a.severity]), [[raised!.id, "warning"]]);
      assert.match(resultsOf(held, "node-2", `disk:${dir}`)[0]!.detail, /49% used .*; still open until below 48%$/);

      truncateSync(fill, 384 * 4096); // 38%
      const done = await check();
      assert.deepEqual(alertOf(), []);
      assert.deepEqual(resultsOf(done, "node-2", `disk:${dir}`)[0]?.alert, { id: raised!.id, status: "resolved" });
    } finally {
      setResources(LENIENT);
      execFileSync("umount", [dir]);
    }
  });
});
