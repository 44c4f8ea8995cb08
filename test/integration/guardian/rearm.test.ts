// `oyster check --rearm <check> --node NAME`: an incident whose fixes ran out gets its budget back
// after a person fixed the cause, and the next run tries fixes again. Audited.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Ledger } from "../../../jobs/guardian/ledger.ts";
import { openStore } from "../../../src/store/index.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

describe("check --rearm", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(1);
    fleet = makeFleet(rig);
  });
  after(async () => rig?.close());

  it("resets the fix attempts of that incident only, keeps its failure count, and is audited", async () => {
    const store = openStore(fleet.dataDir);
    const ledger = new Ledger(store.db, () => new Date());
    for (let i = 0; i < 3; i++) {
      ledger.recordFailure("ssh_connection", "node-1", "refused");
      ledger.countFixAttempt("ssh_connection", "node-1");
    }
    ledger.recordFailure("wrapper_version", "node-1", "old");
    ledger.countFixAttempt("wrapper_version", "node-1");

    const { code, doc } = await fleet.oyster(["check", "--rearm", "ssh_connection", "--node", "node-1"]);
    assert.equal(code, 0, JSON.stringify(doc));
    assert.deepEqual({ ...doc.rearmed, by: undefined }, { check: "ssh_connection", node: "node-1", fixAttemptsBefore: 3, failingRuns: 3, by: undefined });
    assert.equal(ledger.get("ssh_connection", "node-1")?.fixAttempts, 0);
    assert.equal(ledger.get("ssh_connection", "node-1")?.consecutiveFailures, 3);
    assert.equal(ledger.get("wrapper_version", "node-1")?.fixAttempts, 1, "another incident keeps its count");
    assert.deepEqual(rig.node("node-1").calls(), [], "nothing ran on the node");

    const { doc: audit } = await fleet.oyster(["audit"]);
    const row = audit.entries.find((e: { command: string }) => e.command === "check");
    assert.equal(row?.outcome, "ok");
    assert.match(JSON.stringify(row?.args), /rearm/);
    store.close();
  });

  it("refuses with nothing on record, or without exactly one check name (exit 2)", async () => {
    const none = await fleet.oyster(["check", "--rearm", "db_schema"]);
    assert.equal(none.code, 2);
    assert.match(none.doc.error.message, /nothing on record for db_schema \(fleet-wide\)/);
    const noName = await fleet.oyster(["check", "--rearm", "--node", "node-1"]);
    assert.equal(noName.code, 2);
    const withNoFix = await fleet.oyster(["check", "--rearm", "ssh_connection", "--no-fix"]);
    assert.equal(withNoFix.code, 2);
    const unknownNode = await fleet.oyster(["check", "--rearm", "ssh_connection", "--node", "node-9"]);
    assert.equal(unknownNode.code, 2);
  });
});
