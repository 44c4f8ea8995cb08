// The monitor's alerts in a real state.db through the real AlertBook: one alert per (account,
// window), raised once at the first threshold and updated, critical at the second and when
// exhausted, resolved on a window reset; a rejected key is its own alert.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { account, monitorRig, rejected, win } from "./monitor-fixture.ts";

describe("monitor alerts", () => {
  it("raises one warning at 80%, turns it critical at 95%, and resolves it on the window reset", async () => {
    const rig = monitorRig();
    const at = () => rig.clock.at;
    const glm = (pct: number) => [account("zai", "glm", at(), [win("zai", "glm", "5h tokens", pct), win("zai", "glm", "weekly", 10)])];

    await rig.run(glm(60));
    assert.equal(rig.events.length, 0);
    for (const pct of [80, 84, 88]) {
      rig.clock.advance(5);
      await rig.run(glm(pct));
    }
    const open = rig.store.db.prepare("SELECT check_name, severity, status FROM alerts").all();
    assert.deepEqual(open, [{ check_name: "quota:zai:glm:5h tokens", severity: "warning", status: "open" }]);
    assert.deepEqual(rig.events.map((e) => e.kind), ["raised", "updated", "updated"]);
    const raised = rig.events[0]!.alert;
    assert.equal(raised.source, "monitor");
    assert.equal(raised.node, null);
    assert.match(raised.message, /^zai:glm 5h tokens at 80%, 800 of 1,000; resets 2026-11-30T15:00:00.000Z \(in 4h55m\); at this pace it runs out in ~/);
    // 60 -> 80 in 5 minutes: 240%/h; the 20% left lasts 5 minutes, before the reset.
    assert.match(raised.message, /at this pace it runs out in ~5m, before the reset in 4h55m$/);

    rig.clock.advance(5);
    await rig.run(glm(96));
    const critical = rig.events.at(-1)!;
    assert.equal(critical.kind, "updated");
    assert.equal(critical.alert.id, raised.id);
    assert.equal(critical.alert.severity, "critical");

    rig.clock.advance(5);
    await rig.run(glm(3));
    const resolved = rig.events.at(-1)!;
    assert.equal(resolved.kind, "resolved");
    assert.equal(resolved.alert.id, raised.id);
    assert.equal(resolved.alert.message, "zai:glm 5h tokens: window reset, 3% used");
    assert.equal(rig.store.db.prepare("SELECT COUNT(*) FROM alerts").pluck().get(), 1);

    // Staying under the threshold afterwards notifies no one.
    const count = rig.events.length;
    rig.clock.advance(5);
    await rig.run(glm(5));
    assert.equal(rig.events.length, count);
    rig.close();
  });

  it("raises critical straight away when a window is exhausted", async () => {
    const rig = monitorRig();
    await rig.run([account("openai", "main", rig.clock.at, [win("openai", "main", "tokens", 100)])]);
    assert.deepEqual(rig.events.map((e) => [e.kind, e.alert.check, e.alert.severity]), [["raised", "quota:openai:main:tokens", "critical"]]);
    assert.match(rig.events[0]!.alert.message, /^openai:main tokens exhausted \(100% used\)/);
    rig.close();
  });

  it("raises the key alert for a key with no plan on it, its message kept, and raises no window alert", async () => {
    const rig = monitorRig();
    const noPlan = account("zai", "glm", rig.clock.at, [{
      provider: "zai", account: "glm", window: "account", windowSeconds: null, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null,
      status: "error", errorKind: "no_plan", detail: "no coding plan on this key (当前用户不存在coding plan)",
    }]);
    await rig.run([noPlan]);
    assert.deepEqual(rig.events.map((e) => [e.kind, e.alert.check, e.alert.severity, e.alert.message]), [
      ["raised", "quota:zai:glm:key", "warning", "zai:glm: no coding plan on this key (当前用户不存在coding plan)"],
    ]);
    rig.close();
  });

  it("gives a rejected key its own warning, resolved once the key works again", async () => {
    const rig = monitorRig();
    const at = () => rig.clock.at;
    await rig.run([rejected("openai", "main", at()), account("zai", "glm", at(), [win("zai", "glm", "5h tokens", 85)])]);
    assert.deepEqual(
      rig.events.map((e) => [e.alert.check, e.alert.severity]).sort(),
      [["quota:openai:main:key", "warning"], ["quota:zai:glm:5h tokens", "warning"]],
    );
    assert.equal(rig.events.find((e) => e.alert.check === "quota:openai:main:key")?.alert.message, "openai:main: key rejected (HTTP 401)");
    rig.clock.advance(5);
    await rig.run([rejected("openai", "main", at())]);
    assert.equal(rig.events.length, 2, "a second rejection updates nothing");
    rig.clock.advance(5);
    await rig.run([account("openai", "main", at(), [win("openai", "main", "requests", 10)])]);
    assert.deepEqual(rig.events.slice(2).map((e) => [e.kind, e.alert.check]), [["resolved", "quota:openai:main:key"]]);
    rig.close();
  });

  it("records every window as a sample and prunes past monitor.keepDays", async () => {
    const rig = monitorRig({ monitor: { keepDays: 1 } });
    await rig.run([account("zai", "glm", rig.clock.at, [win("zai", "glm", "5h tokens", 10), win("zai", "glm", "weekly", 20)])]);
    rig.clock.advance(25 * 60);
    const report = await rig.run([account("zai", "glm", rig.clock.at, [win("zai", "glm", "5h tokens", 11)])]);
    assert.equal(report.pruned, 2);
    const rows = rig.store.db.prepare("SELECT at, window, used_pct FROM quota_samples").all();
    assert.deepEqual(rows, [{ at: "2026-12-01T11:00:00.000Z", window: "5h tokens", used_pct: 11 }]);
    rig.close();
  });
});
