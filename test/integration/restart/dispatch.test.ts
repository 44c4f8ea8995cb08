// `oyster restart dispatch <project>`: stop then start, run locally in dispatch.dir with the
// contract's default command lines against a stand-in dispatch.py that logs its argv.
import assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

// Logs [cwd, argv...] as JSON, prints to both streams, and fails `start` while fail-start exists.
const FAKE_DISPATCH = `import json, os, sys
with open("calls.log", "a") as f:
    f.write(json.dumps([os.getcwd()] + sys.argv[1:]) + "\\n")
verb, project = sys.argv[1], sys.argv[2]
print(f"dispatch {verb} {project}: done")
print(f"note from {verb}", file=sys.stderr)
if verb == "start" and os.path.exists("fail-start"):
    print("start refused: database locked", file=sys.stderr)
    sys.exit(4)
`;

describe("oyster restart dispatch", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  const log = () => (existsSync(join(fleet.dispatchDir, "calls.log")) ? readFileSync(join(fleet.dispatchDir, "calls.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l)) : []);

  before(async () => {
    rig = await startRig(1);
    fleet = makeRestartFleet(rig, { "node-1": ["agent-daemon"] }, ["oyster-web", "api.v2"]);
    writeFileSync(join(fleet.dispatchDir, "dispatch.py"), FAKE_DISPATCH);
  });
  after(async () => rig?.close());

  it("runs stop then start in dispatch.dir with the project name, quoted, and shows both outputs", async () => {
    rmSync(join(fleet.dispatchDir, "calls.log"), { force: true });
    const { code, doc } = await fleet.cli(["restart", "dispatch", "oyster-web", "--yes", "--json"]);
    assert.equal(code, 0);
    const dir = realpathSync(fleet.dispatchDir);
    assert.deepEqual(log(), [[dir, "stop", "oyster-web"], [dir, "start", "oyster-web"]]);
    assert.deepEqual(doc.target, { kind: "dispatch", project: "oyster-web", dir: fleet.dispatchDir });
    assert.equal(doc.ok, true);
    assert.deepEqual(
      doc.steps.map((s: Record<string, unknown>) => [s.where, s.command, s.code, s.stdout, s.stderr]),
      [
        ["controller", "python3 dispatch.py stop 'oyster-web'", 0, "dispatch stop oyster-web: done\n", "note from stop\n"],
        ["controller", "python3 dispatch.py start 'oyster-web'", 0, "dispatch start oyster-web: done\n", "note from start\n"],
      ],
    );
    assert.deepEqual(rig.node("node-1").calls(), [], "dispatch restarts touch no node");
  });

  it("shows both outputs in text", async () => {
    const { code, stdout } = await fleet.cli(["restart", "dispatch", "api.v2", "--yes"]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^restart dispatch api\\.v2 in ${fleet.dispatchDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ok\n`));
    assert.match(stdout, /\nstop: python3 dispatch\.py stop 'api\.v2' -> exit 0 \(\d+ ms\)\n  stdout:\n    dispatch stop api\.v2: done\n  stderr:\n    note from stop\n/);
    assert.match(stdout, /\nstart: python3 dispatch\.py start 'api\.v2' -> exit 0 \(\d+ ms\)\n  stdout:\n    dispatch start api\.v2: done\n  stderr:\n    note from start\n$/);
  });

  it("reports a start that fails with its output, exit 1, audited as failed", async () => {
    writeFileSync(join(fleet.dispatchDir, "fail-start"), "");
    try {
      const { code, doc } = await fleet.cli(["restart", "dispatch", "oyster-web", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.ok, false);
      assert.equal(doc.steps[1].code, 4);
      assert.match(doc.steps[1].stderr, /start refused: database locked/);
    } finally {
      rmSync(join(fleet.dispatchDir, "fail-start"));
    }
    const last = (await fleet.auditRows()).at(-1)!;
    assert.deepEqual([last.args, last.decision, last.outcome], [{ kind: "dispatch", project: "oyster-web" }, "confirmed", "failed"]);
  });

  it("refuses a project not in projects.json (exit 2, listing projects) and runs nothing", async () => {
    const before = log().length;
    const { code, doc } = await fleet.cli(["restart", "dispatch", "oyster-api", "--yes", "--json"]);
    assert.equal(code, 2);
    assert.deepEqual(doc.error, { code: "UnknownProject", message: 'unknown project "oyster-api" (known: oyster-web, api.v2)' });
    assert.equal(log().length, before);
  });

  it("without --yes and without a terminal refuses (exit 3) and runs nothing", async () => {
    const before = log().length;
    const { code } = await fleet.cli(["restart", "dispatch", "oyster-web"]);
    assert.equal(code, 3);
    assert.equal(log().length, before);
    assert.deepEqual((await fleet.auditRows()).at(-1)!.decision, "refused");
  });

  it("says not configured when dispatch.dir does not exist", async () => {
    const moved = `${fleet.dispatchDir}.away`;
    renameSync(fleet.dispatchDir, moved);
    try {
      const { code, doc } = await fleet.cli(["restart", "dispatch", "oyster-web", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.error.code, "NotConfigured");
      assert.match(doc.error.message, /dispatch\.dir .* does not exist/);
    } finally {
      renameSync(moved, fleet.dispatchDir);
    }
  });
});
