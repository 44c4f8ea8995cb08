import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("audit log", () => {
  it("records a started row before the run and completes it after", () => {
    let now = new Date("2026-11-27T10:00:00Z");
    const store = openStore(tmpDir(), () => now);
    const id = store.audit.start({ who: "cli:alice", via: "cli", command: "restart", args: { node: "n1" }, decision: "confirmed" });
    assert.equal(store.audit.since(new Date(0))[0]?.outcome, "started");
    store.audit.finish(id, "failed", 1234.4, "SshTimeout: n1 did not answer");
    const [row] = store.audit.since(new Date(0));
    assert.deepEqual(
      { who: row?.who, args: row?.args, decision: row?.decision, outcome: row?.outcome, error: row?.error, durationMs: row?.durationMs },
      { who: "cli:alice", args: { node: "n1" }, decision: "confirmed", outcome: "failed", error: "SshTimeout: n1 did not answer", durationMs: 1234 },
    );
    now = new Date("2026-11-28T10:00:01Z");
    store.audit.start({ who: "slack:U1", via: "slack", channel: "C1", command: "sync", args: {}, decision: "denied" });
    const recent = store.audit.since(new Date("2026-11-28T00:00:00Z"));
    assert.deepEqual(recent.map((r) => [r.who, r.decision, r.outcome, r.channel]), [["slack:U1", "denied", "denied", "C1"]]);
    store.close();
  });
});
