// `oyster dispatch status|start|stop`: dispatch's own commands in dispatch.dir on the controller,
// against a stand-in dispatch.py that logs its argv and environment.
import assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { terminal } from "../../helpers/in-process-cli.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

const FAKE_DISPATCH = `import json, os, sys
with open("calls.log", "a") as f:
    f.write(json.dumps([os.getcwd()] + sys.argv[1:] + [os.environ.get("SLACK_BOT_TOKEN", "-")]) + "\\n")
if sys.argv[1] == "status":
    print("oyster-web: running (2 tasks)")
    print("api.v2: stopped")
else:
    print(f"dispatch {sys.argv[1]} {sys.argv[2]}: done")
if os.path.exists("fail"):
    print("database is locked", file=sys.stderr)
    sys.exit(3)
`;

describe("oyster dispatch status|start|stop", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  const calls = () => (existsSync(join(fleet.dispatchDir, "calls.log")) ? readFileSync(join(fleet.dispatchDir, "calls.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l)) : []);

  before(async () => {
    rig = await startRig(1);
    fleet = makeRestartFleet(rig, {}, ["oyster-web", "api.v2"]);
    writeFileSync(join(fleet.dispatchDir, "dispatch.py"), FAKE_DISPATCH);
    fleet.env.SLACK_BOT_TOKEN = "xoxb-dispatch-must-not-see-this";
  });
  after(async () => rig?.close());

  it("status runs dispatch.statusCommand in dispatch.dir, shows its output, needs no confirmation and keeps Oyster's secrets out of its environment", async () => {
    rmSync(join(fleet.dispatchDir, "calls.log"), { force: true });
    const { code, stdout } = await fleet.cli(["dispatch", "status"]);
    assert.equal(code, 0, stdout);
    assert.deepEqual(calls(), [[realpathSync(fleet.dispatchDir), "status", "-"]]);
    assert.match(stdout, /^dispatch status in .*: ok\n\$ python3 dispatch\.py status -> exit 0 \(\d+ ms\)\n  stdout:\n    oyster-web: running \(2 tasks\)\n    api\.v2: stopped\n?$/);
  });

  it("start and stop take a known project, quoted, ask for confirmation, and are audited", async () => {
    rmSync(join(fleet.dispatchDir, "calls.log"), { force: true });
    const refused = await fleet.cli(["dispatch", "start", "oyster-web"]);
    assert.equal(refused.code, 3, "no terminal, no --yes");
    assert.deepEqual(calls(), []);
    const t = terminal("y");
    const started = await fleet.cli(["dispatch", "start", "oyster-web"], t);
    assert.equal(started.code, 0, started.stdout + started.stderr);
    assert.match(t.shown(), /run in .* on the controller: python3 dispatch\.py start 'oyster-web'/);
    const stopped = await fleet.cli(["dispatch", "stop", "api.v2", "--yes", "--json"]);
    assert.equal(stopped.code, 0);
    assert.equal((stopped.doc as { step: { command: string } }).step.command, "python3 dispatch.py stop 'api.v2'");
    assert.deepEqual(calls().map((c: string[]) => c.slice(1)), [["start", "oyster-web", "-"], ["stop", "api.v2", "-"]]);
    const { doc } = await fleet.cli(["audit", "--json"]);
    const rows = (doc as { entries: Array<{ command: string; decision: string; outcome: string }> }).entries.filter((e) => e.command === "dispatch");
    assert.deepEqual(rows.map((r) => [r.decision, r.outcome]).sort(), [["confirmed", "ok"], ["confirmed", "ok"], ["refused", "refused"]].sort());
  });

  it("refuses an unknown project or a missing one before anything runs (exit 2)", async () => {
    rmSync(join(fleet.dispatchDir, "calls.log"), { force: true });
    const unknown = await fleet.cli(["dispatch", "start", "x;id", "--yes"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stdout + unknown.stderr, /unknown project "x;id" \(known: oyster-web, api\.v2\)/);
    const missing = await fleet.cli(["dispatch", "stop", "--yes"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout + missing.stderr, /give the project to stop/);
    assert.deepEqual(calls(), []);
  });

  it("a command that fails is shown with its output, exit 1", async () => {
    writeFileSync(join(fleet.dispatchDir, "fail"), "");
    try {
      const r = await fleet.cli(["dispatch", "status"]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /FAILED\n\$ python3 dispatch\.py status -> exit 3/);
      assert.match(r.stdout, /database is locked/);
    } finally {
      rmSync(join(fleet.dispatchDir, "fail"));
    }
  });

  it("refuses a project for status when dispatch.statusCommand has no {project} (exit 2, nothing run), and passes it when it has", async () => {
    const before = calls().length;
    const refused = await fleet.cli(["dispatch", "status", "oyster-web"]);
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stdout + refused.stderr, /dispatch\.statusCommand \(python3 dispatch\.py status\) takes no project/);
    assert.equal(calls().length, before, "nothing ran");

    const file = join(fleet.configDir, "oyster.json");
    const original = readFileSync(file, "utf8");
    const config = JSON.parse(original) as { dispatch?: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...config, dispatch: { ...config.dispatch, statusCommand: "python3 dispatch.py status {project}" } }));
    try {
      const r = await fleet.cli(["dispatch", "status", "api.v2"]);
      assert.equal(r.code, 0, r.stdout);
      assert.deepEqual(calls().at(-1), [realpathSync(fleet.dispatchDir), "status", "api.v2", "-"]);
    } finally {
      writeFileSync(file, original);
    }
  });
});
