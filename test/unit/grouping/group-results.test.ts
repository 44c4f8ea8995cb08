import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupResults, mergeAcrossChecks } from "../../../src/grouping/group-results.ts";

const r = (check: string, node: string | null, status: string, detail = "") => ({ check, node, status, detail });

describe("groupResults", () => {
  it("counts passes per check whatever their readings say, and lists their nodes", () => {
    const groups = groupResults([r("ssh_connection", "n1", "passed", "round trip in 3 ms"), r("ssh_connection", "n2", "passed", "round trip in 9 ms")]);
    assert.deepEqual(groups.map((g) => [g.check, g.status, g.detail, g.nodes]), [["ssh_connection", "passed", null, ["n1", "n2"]]]);
  });

  it("puts a failure with the same detail on two nodes in one group, and a different detail in its own", () => {
    const groups = groupResults([
      r("wrapper_version", "n2", "failed", "task-wrapper.sh differs"),
      r("wrapper_version", "n3", "failed", "task-wrapper.sh missing on the node"),
      r("wrapper_version", "n7", "failed", "task-wrapper.sh differs"),
    ]);
    assert.deepEqual(groups.map((g) => [g.detail, g.nodes]), [["task-wrapper.sh differs", ["n2", "n7"]], ["task-wrapper.sh missing on the node", ["n3"]]]);
    assert.deepEqual(groups[0]!.results.map((x) => x.node), ["n2", "n7"]);
  });

  it("keeps fleet-wide results (node null) apart from node results of the same check and outcome", () => {
    const groups = groupResults([r("db_schema", null, "passed"), r("db_schema", "n1", "passed")]);
    assert.deepEqual(groups.map((g) => [g.fleetWide, g.nodes]), [[true, []], [false, ["n1"]]]);
  });

  it("lists failures, then fixes, passes and skips, each in the order its first result came", () => {
    const groups = groupResults([r("a", "n1", "passed"), r("b", "n1", "skipped", "x"), r("c", "n1", "fixed", "y"), r("d", "n1", "failed", "z"), r("e", "n1", "failed", "w")]);
    assert.deepEqual(groups.map((g) => g.check), ["d", "e", "c", "a", "b"]);
  });

  it("takes other outcomes and orders for other callers (alerts by severity)", () => {
    const alerts = [r("disk:/", "n1", "warning", "85% used"), r("storm", null, "critical", "3 of 6"), r("disk:/", "n2", "warning", "85% used")];
    const groups = groupResults(alerts, { countOnly: [], statusOrder: ["critical", "warning"] });
    assert.deepEqual(groups.map((g) => [g.check, g.status, g.nodes]), [["storm", "critical", []], ["disk:/", "warning", ["n1", "n2"]]]);
  });
});

describe("mergeAcrossChecks", () => {
  it("makes one group of the checks a node skipped for the same reason", () => {
    const skipped = groupResults([r("ssh_connection", "n9", "skipped", "node unreachable"), r("wrapper_version", "n9", "skipped", "node unreachable"), r("wrapper_version", "n4", "skipped", "draining")]);
    assert.deepEqual(mergeAcrossChecks(skipped).map((m) => [m.checks, m.nodes, m.detail]), [
      [["ssh_connection", "wrapper_version"], ["n9"], "node unreachable"],
      [["wrapper_version"], ["n4"], "draining"],
    ]);
  });

  it("does not merge checks skipped on different nodes", () => {
    const skipped = groupResults([r("a", "n1", "skipped", "x"), r("b", "n2", "skipped", "x")]);
    assert.equal(mergeAcrossChecks(skipped).length, 2);
  });
});
