// `status` shows the nodes the monitor holds paused and why, from monitor_paused_nodes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { status, type StatusData } from "../../../commands/status.ts";
import { PausedNodesTable } from "../../../src/monitor/paused-nodes-table.ts";
import { openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { plainView } from "../../../src/render/view.ts";

describe("status and paused nodes", () => {
  it("lists each node the monitor paused with its account's reason and reset time", () => {
    const store = openStore(tmpDir());
    const table = new PausedNodesTable(store.db);
    table.hold({ node: "glm-node-2", account: "zai:glm", pausedAt: "2026-11-30T10:00:00.000Z", reason: "zai:glm exhausted (5h tokens)", resetsAt: "2026-11-30T15:00:00.000Z" });
    const data: StatusData = {
      nodes: [{ name: "glm-node-2", reachable: true, latencyMs: 3 }],
      dispatch: { configured: false, reason: "no dispatch.dir" } as StatusData["dispatch"],
      paused: table.list(),
    };
    const text = status.text!(data, plainView());
    assert.match(text, /^paused by the monitor: glm-node-2 \(zai:glm exhausted \(5h tokens\), resets 2026-11-30T15:00:00.000Z\)$/m);
    const blocks = JSON.stringify(status.blocks!(data, plainView()));
    assert.match(blocks, /paused by the monitor: glm-node-2/);
    assert.doesNotMatch(status.text!({ ...data, paused: [] }, plainView()), /paused/);
    store.close();
  });
});
