// Silences in the daily report: the ones in force are listed, and each open alert one covers says
// so in every rendering; with none in force the section is as it always was.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { renderHtml } from "../../../src/report/render/html.ts";
import { renderText } from "../../../src/report/render/text.ts";
import { SilenceTable } from "../../../src/silences/silence-table.ts";
import { hoursAgo, now, populated, REACH } from "./fixture.ts";

describe("daily report: silences", () => {
  it("lists the silences in force and marks the open alerts they cover", async () => {
    const inst = await populated();
    const silences = new SilenceTable(inst.store.db);
    silences.add({ match: { node: ["node-b"], tag: [], check: [], source: [] }, by: "slack:UOPER", reason: "disk swap", startsAt: new Date(hoursAgo(1)), durationMs: 3 * 3600_000 });
    // Ended an hour ago: not in force, not listed.
    silences.add({ match: { node: [], tag: [], check: ["param_alignment"], source: [] }, by: "cli:ops", startsAt: new Date(hoursAgo(3)), durationMs: 2 * 3600_000 });
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH });
    assert.deepEqual(r.alerts.silences, [{ id: "S1", until: "2026-11-27T11:00:00.000Z", by: "slack:UOPER", reason: "disk swap", match: "node node-b" }]);
    assert.deepEqual(r.alerts.open.map((a) => [a.node, a.silenced?.id]), [["node-b", "S1"], ["node-a", undefined]]);
    const text = renderText(r);
    assert.match(text, /A2 critical node_availability on node-b \[silenced until 2026-11-27 11:00 UTC by slack:UOPER \(disk swap\)\] since/);
    assert.match(text, /S1 node node-b: silenced until 2026-11-27 11:00 UTC by slack:UOPER \(disk swap\)/);
    assert.match(renderHtml(r), /silences in force/);
  });

  it("leaves the alerts section unchanged when no silence is in force", async () => {
    const inst = await populated();
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH });
    assert.equal("silences" in r.alerts, false);
    assert.ok(r.alerts.open.every((a) => !("silenced" in a)));
  });
});
