// Silences applied where notifications leave Oyster (the Deliverer's gate), over a real state.db
// and outbox, with a fake clock: what is held, what a silence's end lets through, and how often.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gateRig, MINUTE } from "./gate-fixture.ts";

describe("silences at delivery", () => {
  it("holds a reminder of an alert raised before the silence, and lets one notice through once after the silence expired", async () => {
    const r = gateRig([{ name: "node-3" }]);
    const a = await r.sighting("node-3");
    assert.deepEqual(r.sent(), [`alert:${a.id}:raised:2026-11-27T09:00:00.000Z`], "raised and sent before any silence");

    r.silence({ node: ["node-3"] }, 2 * 60 * MINUTE, "reboot");
    r.advance(61 * MINUTE);
    await r.sighting("node-3");
    assert.equal(r.sent().length, 1, "the reminder due during the silence is not sent");
    const held = r.outbox.list().find((e) => e.key.includes(":reminder:"));
    assert.deepEqual([held?.status, held?.deliveredVia], ["delivered", "silenced"], "it is recorded as held, not left to go later");
    assert.match(held?.lastError ?? "", /^silenced by S1 until 2026-11-27 11:00 UTC$/);

    r.advance(60 * MINUTE); // 11:01: the silence ran out at 11:00
    await r.deliverer.drain();
    assert.deepEqual(r.sent().slice(1), [`alert:${a.id}:silence-over:S1`], "one notice at the next delivery round");
    assert.equal(r.slack.delivered[1]?.payload.kind === "alert-event" && r.slack.delivered[1].payload.event.kind, "reminder", "a reminder: people were told of it before");

    await r.deliverer.drain();
    r.advance(30 * MINUTE);
    await r.sighting("node-3");
    assert.equal(r.sent().length, 2, "no second notice, and the next reminder waits reminderMinutes from the notice");
    r.advance(31 * MINUTE);
    await r.sighting("node-3");
    assert.equal(r.sent().length, 3, "reminders resume on their schedule");
  });

  it("holds the alerts of a node with the silenced tag, and not those of a node without it", async () => {
    const r = gateRig([{ name: "node-1", tags: ["glm"] }, { name: "node-2", tags: ["glm", "gpu"] }, { name: "node-3", tags: ["minimax"] }]);
    r.silence({ tag: ["gpu"] }, 60 * MINUTE);
    const held = await r.sighting("node-2");
    const sent = await r.sighting("node-3");
    const alsoGlm = await r.sighting("node-1");
    assert.deepEqual(r.sent(), [`alert:${sent.id}:raised:2026-11-27T09:00:00.000Z`, `alert:${alsoGlm.id}:raised:2026-11-27T09:00:00.000Z`]);
    assert.equal(r.outbox.list().find((e) => e.key.startsWith(`alert:${held.id}:`))?.deliveredVia, "silenced");
  });

  it("holds a grouped alert only when the silence covers every node in it", async () => {
    const r = gateRig([{ name: "node-1" }, { name: "node-2" }, { name: "node-3" }]);
    r.silence({ node: ["node-2", "node-3"] }, 60 * MINUTE);
    await r.book.raise({ source: "guardian", check: "storm", node: null, nodes: ["node-2", "node-3"], severity: "critical", message: "storm on 2 nodes", attempts: 0 });
    await r.book.raise({ source: "monitor", check: "quota:zai:main:5h", node: null, severity: "warning", message: "80% used", attempts: 1 });
    await r.deliverer.drain();
    assert.deepEqual(r.sent(), ["alert:A2:raised:2026-11-27T09:00:00.000Z"], "the storm is held; a fleet-wide alert is not a node's");
    await r.book.raise({ source: "guardian", check: "storm", node: null, nodes: ["node-1", "node-2", "node-3"], severity: "critical", message: "storm on 3 nodes", attempts: 0 });
    await r.deliverer.drain();
    assert.equal(r.sent().length, 2, "once it spreads to a node nobody silenced, it goes out");
  });

  it("covers a check family by whole segments, and needs every field given to match", async () => {
    const r = gateRig([{ name: "node-1" }]);
    r.silence({ check: ["quota"], source: ["monitor"] }, 60 * MINUTE);
    await r.book.raise({ source: "monitor", check: "quota:zai:main:5h", node: null, severity: "warning", message: "80%", attempts: 1 });
    await r.book.raise({ source: "monitor", check: "quotas_other", node: null, severity: "warning", message: "x", attempts: 1 });
    await r.book.raise({ source: "guardian", check: "quota", node: "node-1", severity: "warning", message: "y", attempts: 1 });
    await r.deliverer.drain();
    assert.deepEqual(r.sent().map((k) => k.split(":")[1]), ["A2", "A3"], "only the monitor's quota:... alert is held");
  });

  it("lets the resolution of an alert people were told of through a silence, and keeps a never-announced one quiet to the end", async () => {
    const r = gateRig([{ name: "node-1" }, { name: "node-2" }]);
    const told = await r.sighting("node-1");
    r.silence({ node: ["node-1", "node-2"] }, 60 * MINUTE);
    const quiet = await r.sighting("node-2");
    r.advance(5 * MINUTE);
    await r.book.resolve("guardian", "node_availability", "node-1");
    await r.book.resolve("guardian", "node_availability", "node-2");
    await r.deliverer.drain();
    assert.deepEqual(r.sent(), [`alert:${told.id}:raised:2026-11-27T09:00:00.000Z`, `alert:${told.id}:resolved:2026-11-27T09:05:00.000Z`]);
    r.advance(60 * MINUTE);
    await r.deliverer.drain();
    assert.equal(r.sent().length, 2, `${quiet.id} resolved inside the silence: nothing to notify when it ends`);
  });

  it("notifies nothing at the end for an alert acknowledged meanwhile, and raises one nobody was told of", async () => {
    const r = gateRig([{ name: "node-1" }, { name: "node-2" }]);
    r.silence({ node: ["node-1", "node-2"] }, 30 * MINUTE);
    const acked = await r.sighting("node-1");
    const open = await r.sighting("node-2");
    await r.book.ack(acked.id, "cli:ops");
    await r.deliverer.drain();
    assert.deepEqual(r.sent(), []);
    r.advance(30 * MINUTE);
    await r.deliverer.drain();
    assert.deepEqual(r.sent(), [`alert:${open.id}:silence-over:S1`]);
    const notice = r.slack.delivered[0]!.payload;
    assert.equal(notice.kind === "alert-event" && notice.event.kind, "raised", "nothing about it went out before: a new alert");
  });
});
