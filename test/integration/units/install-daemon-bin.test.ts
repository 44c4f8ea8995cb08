// install-daemon through the real `oyster` bin (the compiled dist/cli.js, as an operator runs
// it): the shipped templates are found from the bundle, and the exit codes are the contract's.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { makeInstallFleet, type InstallFleet } from "./install-fixture.ts";

const SHIPPED = fileURLToPath(new URL("../../../config/systemd/", import.meta.url));

describe("oyster install-daemon (the real bin)", () => {
  let rig: Rig;
  let fleet: InstallFleet;

  before(async () => {
    rig = await startRig(2, { services: [] });
    fleet = makeInstallFleet(rig);
  });
  after(async () => rig?.close());

  it("dry run from the compiled CLI renders the shipped templates and sends nothing", async () => {
    fleet.mark();
    const r = await runOyster(["install-daemon", "--all", "--dry-run", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.templates, { "agent-daemon": join(SHIPPED, "agent-daemon.service.example"), watcher: join(SHIPPED, "watcher.service.example") });
    assert.deepEqual(doc.nodes.map((n: { status: string }) => n.status), ["would-change", "would-change"]);
    for (const calls of Object.values(fleet.calls())) assert.ok(calls.every((c) => !c.startsWith("sudo ")), calls.join("\n"));
  });

  it("installs with --yes (exit 0), and an unknown placeholder is exit 2 naming file and line", async () => {
    const ok = await runOyster(["install-daemon", "node-1", "--yes"], fleet.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /node-1 changed/);
    assert.equal(rig.node("node-1").unitState("agent-daemon"), "active");

    fleet.template("watcher", "[Service]\nExecStart=/bin/true {dispatch_dir}\n");
    fleet.mark();
    const bad = await runOyster(["install-daemon", "--all", "--yes"], fleet.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`${join(fleet.configDir, "systemd", "watcher.service")}: line 2: unknown placeholder \\{dispatch_dir\\}`));
    assert.deepEqual(fleet.calls(), { "node-1": [], "node-2": [] });
  });
});
