import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckContext } from "../../../../../jobs/guardian/checks/index.ts";
import { nodeAvailability } from "../../../../../jobs/guardian/checks/node-availability.ts";
import { probeCommand, readUnits, type Reachability } from "../../../../../jobs/guardian/probe.ts";
import { OysterError } from "../../../../../src/errors.ts";

const SECRET = "sk-live-secret-value-123";

/** A context whose only node answers as given; journalctl prints two lines, one with a secret. */
function ctx(r: Reachability) {
  const commands: string[] = [];
  const ssh = {
    exec: async (_node: string, command: string) => {
      commands.push(command);
      return { node: "n1", code: 0, stdout: `line one\nkey ${SECRET}\n`, stderr: "", truncated: false, durationMs: 1 };
    },
  };
  // Only what the check reads of config: the daemon's unit and the node's services (for its alert's actions).
  const config = { oyster: { systemd: { daemonUnit: "agent-daemon" } }, nodes: [{ name: "n1", services: ["a", "b"] }] };
  const c = { reach: new Map([["n1", r]]), ssh, secrets: [SECRET], config } as unknown as CheckContext;
  return { c, commands };
}

const up = (units?: Extract<Reachability, { state: "up" }>["units"]): Reachability => ({ node: "n1", state: "up", latencyMs: 3, ...(units ? { units } : {}) });
const unit = (name: string, active: string, sub: string) => ({ unit: name, load: "loaded", active, sub, enabled: null, mainPid: null, since: null, activeSince: null });

describe("node_availability", () => {
  it("probes with true when a node lists no services, and with one quoted systemctl show when it does", () => {
    assert.equal(probeCommand([]), "true");
    assert.equal(probeCommand(["agent-daemon", "w"]), "TZ=UTC systemctl show --no-pager --property=Id,LoadState,ActiveState,SubState 'agent-daemon' 'w'");
  });

  it("passes a node that answers and lists nothing, or whose units all run, reading nothing more", async () => {
    const plain = ctx(up());
    assert.deepEqual(await nodeAvailability.detect(plain.c, "n1"), { ok: true, detail: "answers in 3 ms" });
    const running = ctx(up({ ok: true, units: [unit("a", "active", "running"), unit("b", "reloading", "running")] }));
    assert.deepEqual(await nodeAvailability.detect(running.c, "n1"), { ok: true, detail: "answers in 3 ms; services active: a, b" });
    assert.deepEqual([...plain.commands, ...running.commands], []);
  });

  it("fails a node with a unit down, naming it with its state and scrubbed journal, and offers the restart", async () => {
    const { c, commands } = ctx(up({ ok: true, units: [unit("a", "active", "running"), unit("b", "failed", "failed")] }));
    const d = await nodeAvailability.detect(c, "n1");
    assert.ok("ok" in d && !d.ok);
    assert.equal(d.severity, "critical");
    assert.equal(d.detail, "services not running: b failed (journal: line one | key [REDACTED])");
    assert.equal(typeof d.fix, "function");
    assert.deepEqual(commands, ["TZ=UTC journalctl -u 'b' -n 5 --no-pager -o short-iso | tail -c 65537"]);
    // And as buttons on its alert: restart that unit, read its journal (privately).
    assert.deepEqual(d.actions, [
      { label: "Restart b", argv: ["restart", "service", "n1", "b"] },
      { label: "Show journal b", argv: ["units", "n1", "b"], private: true },
    ]);
  });

  it("fails, without a fix, a node whose units could not be read", async () => {
    const reading = readUnits(["a"], { code: 1, stdout: "", stderr: "System has not been booted with systemd as init system (PID 1). Can't operate." });
    assert.deepEqual(reading, { ok: false, error: "systemctl show exited 1: System has not been booted with systemd as init system (PID 1). Can't operate." });
    const d = await nodeAvailability.detect(ctx(up(reading)).c, "n1");
    assert.ok("ok" in d && !d.ok && !d.fix && d.noFix);
    assert.match(d.detail, /could not be read: systemctl show exited 1/);
  });

  it("keeps today's rules for a node that does not answer and one whose SSH is broken", async () => {
    const err = new OysterError("SshUnreachable", "connect ECONNREFUSED");
    const down = await nodeAvailability.detect(ctx({ node: "n1", state: "down", error: err }).c, "n1");
    assert.ok("ok" in down && !down.ok && down.severity === "critical" && !down.fix);
    const broken = await nodeAvailability.detect(ctx({ node: "n1", state: "ssh-broken", error: err }).c, "n1");
    assert.deepEqual(broken, { ok: true, detail: "answers on TCP (SSH trouble is ssh_connection's)" });
  });

  it("reports a drained node that does not answer, or whose units are stopped, without alerting or restarting anything", async () => {
    const drained = (r: Reachability) => {
      const t = ctx(r);
      (t.c as { draining?: ReadonlySet<string> }).draining = new Set(["n1"]);
      return t;
    };
    const down = await nodeAvailability.detect(drained({ node: "n1", state: "down", error: new OysterError("SshUnreachable", "connect ECONNREFUSED") }).c, "n1");
    assert.deepEqual(down, { skip: "draining: does not answer: connect ECONNREFUSED; not alerted while it drains" });
    const stopped = await nodeAvailability.detect(drained(up({ ok: true, units: [unit("a", "inactive", "dead")] })).c, "n1");
    assert.ok("skip" in stopped, JSON.stringify(stopped));
    assert.match(stopped.skip, /^draining: services not running: a inactive/);
    // A healthy drained node passes as any other.
    assert.deepEqual(await nodeAvailability.detect(drained(up()).c, "n1"), { ok: true, detail: "answers in 3 ms" });
  });
});
