// The guardian's drift checks against real sshd nodes: wrapper_version and param_alignment.
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeFleet, WRAPPER_V1, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

type Result = { check: string; node: string | null; status: string; detail: string; fixAttempts?: { made: number; max: number } };
const find = (doc: { results: Result[] }, check: string, node: string | null) => doc.results.find((r) => r.check === check && r.node === node);

describe("guardian drift checks", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig, {
      oyster: { guardian: { params: { facts: [{ name: "flavour", command: 'cat "$OYSTER_RIG_STATE/../dispatch/flavour.txt" 2>/dev/null || echo none', expect: "same" }] } } },
    });
  });
  after(async () => rig?.close());

  it("fixes an outdated task-wrapper.sh on one node, verified, and leaves the others untouched", async () => {
    fleet.putOnNode("node-2", "task-wrapper.sh", "#!/bin/sh\n# task-wrapper v0\n", 0o755);
    const mtimes = ["node-1", "node-3"].map((n) => statSync(join(rig.node(n).dispatchDir, "task-wrapper.sh")).mtimeMs);
    const { code, doc } = await fleet.oyster(["check", "wrapper_version"]);
    assert.equal(code, 0);
    assert.equal(find(doc, "wrapper_version", "node-2")?.status, "fixed");
    assert.match(find(doc, "wrapper_version", "node-2")!.detail, /pushed task-wrapper\.sh .*verified/);
    assert.deepEqual(["node-1", "node-3"].map((n) => find(doc, "wrapper_version", n)?.status), ["passed", "passed"]);
    const fixed = join(rig.node("node-2").dispatchDir, "task-wrapper.sh");
    assert.equal(readFileSync(fixed, "utf8"), WRAPPER_V1);
    assert.equal(statSync(fixed).mode & 0o777, 0o755);
    assert.deepEqual(["node-1", "node-3"].map((n) => statSync(join(rig.node(n).dispatchDir, "task-wrapper.sh")).mtimeMs), mtimes);
  });

  it("with --no-fix only reports the drift and changes nothing", async () => {
    fleet.putOnNode("node-3", "projects.json", '{"projects":["stale"]}\n');
    const { code, doc } = await fleet.oyster(["check", "param_alignment", "--no-fix"]);
    assert.equal(code, 1);
    assert.equal(find(doc, "param_alignment", "node-3")?.status, "failed");
    assert.equal(readFileSync(join(rig.node("node-3").dispatchDir, "projects.json"), "utf8"), '{"projects":["stale"]}\n');
    const audit = await fleet.oyster(["audit"]);
    assert.ok(!audit.doc.entries.some((e: { command: string; args: { fix: boolean } }) => e.command === "check" && e.args.fix === false), "--no-fix is not a state change");
  });

  it("pushes a drifted projects.json and reports a drifted fact without trying to fix it", async () => {
    writeFileSync(join(rig.node("node-1").dispatchDir, "flavour.txt"), "vanilla\n");
    writeFileSync(join(rig.node("node-2").dispatchDir, "flavour.txt"), "vanilla\n");
    writeFileSync(join(rig.node("node-3").dispatchDir, "flavour.txt"), "mint\n");
    // node-3 still holds the stale projects.json from the previous test.
    const { code, doc } = await fleet.oyster(["check", "param_alignment"]);
    assert.equal(code, 1);
    const r3 = find(doc, "param_alignment", "node-3")!;
    assert.equal(r3.status, "failed");
    assert.match(r3.detail, /projects\.json differs/);
    assert.match(r3.detail, /pushed projects\.json, verified; still drifting: fact flavour: node says "mint", fleet says "vanilla"/);
    assert.equal(readFileSync(join(rig.node("node-3").dispatchDir, "projects.json"), "utf8"), '{"projects":[]}\n');
    assert.deepEqual(["node-1", "node-2"].map((n) => find(doc, "param_alignment", n)?.status), ["passed", "passed"]);

    const again = await fleet.oyster(["check", "param_alignment"]);
    const next = find(again.doc, "param_alignment", "node-3")!;
    assert.equal(next.status, "failed");
    assert.match(next.detail, /^fact flavour: node says "mint".*; facts drift is reported, not fixed$/);
    assert.equal(next.fixAttempts, undefined, "no fix is attempted for a fact");
  });

  it("skips a check switched off in guardian_config.json", async () => {
    const seed = '{"interval_seconds":300,"max_fix_attempts":2,"backup_retention_days":7,"checks":{"db_schema":true,"wrapper_version":false,"ssh_connection":true,"node_availability":true,"param_alignment":true}}';
    writeFileSync(join(fleet.configDir, "guardian_config.json"), seed);
    fleet.putOnNode("node-1", "task-wrapper.sh", "#!/bin/sh\n# drifted\n", 0o755);
    try {
      const { doc } = await fleet.oyster(["check"]);
      assert.deepEqual(doc.results.filter((r: Result) => r.check === "wrapper_version"), [{ check: "wrapper_version", node: null, status: "skipped", detail: "switched off in guardian_config.json" }]);
      assert.equal(readFileSync(join(rig.node("node-1").dispatchDir, "task-wrapper.sh"), "utf8"), "#!/bin/sh\n# drifted\n");
    } finally {
      writeFileSync(join(fleet.configDir, "guardian_config.json"), seed.replace('"wrapper_version":false', '"wrapper_version":true'));
    }
  });
});
