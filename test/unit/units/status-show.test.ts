import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeState, isDown, parseShowBlocks, showCommand, systemdTime, unitStatuses } from "../../../src/units/status-show.ts";

const TWO = `Id=agent-daemon.service
LoadState=loaded
ActiveState=active
SubState=running
UnitFileState=enabled
MainPID=4242
ActiveEnterTimestamp=Tue 2026-12-01 02:59:46 UTC
StateChangeTimestamp=Tue 2026-12-01 02:59:46 UTC

Id=node-1-watcher.service
LoadState=loaded
ActiveState=failed
SubState=failed
UnitFileState=disabled
MainPID=0
ActiveEnterTimestamp=
StateChangeTimestamp=Tue 2026-12-01 03:10:00 UTC
`;

describe("systemctl show parsing", () => {
  it("quotes every unit and asks for the properties in one word", () => {
    assert.equal(showCommand(["agent-daemon", "x;id"], ["Id", "ActiveState"]), "TZ=UTC systemctl show --no-pager --property=Id,ActiveState 'agent-daemon' 'x;id'");
  });

  it("splits blank-line separated blocks into properties, values kept whole after the first =", () => {
    const blocks = parseShowBlocks("Id=a.service\nEnvironment=A=1 B=2\n\nId=b.service\n");
    assert.deepEqual(blocks, [{ Id: "a.service", Environment: "A=1 B=2" }, { Id: "b.service" }]);
  });

  it("pairs blocks with the units asked for: state, enabled, main PID, since when in UTC", () => {
    assert.deepEqual(unitStatuses(["agent-daemon", "node-1-watcher"], TWO), [
      { unit: "agent-daemon", load: "loaded", active: "active", sub: "running", enabled: "enabled", mainPid: 4242, since: "2026-12-01T02:59:46Z", activeSince: "2026-12-01T02:59:46Z" },
      { unit: "node-1-watcher", load: "loaded", active: "failed", sub: "failed", enabled: "disabled", mainPid: null, since: "2026-12-01T03:10:00Z", activeSince: null },
    ]);
  });

  it("refuses output it cannot pair: a block missing, or another unit's Id", () => {
    assert.equal(unitStatuses(["agent-daemon", "node-1-watcher", "third"], TWO), null);
    assert.equal(unitStatuses(["other", "node-1-watcher"], TWO), null);
    assert.equal(unitStatuses(["agent-daemon"], "System has not been booted with systemd as init system (PID 1)."), null);
  });

  it("keeps a time it cannot read as systemd printed it", () => {
    assert.equal(systemdTime("Tue 2026-12-01 03:59:46 CET"), "Tue 2026-12-01 03:59:46 CET");
    assert.equal(systemdTime("n/a"), null);
  });

  it("counts failed, inactive and crash-looping units as down; activating and reloading as on their way", () => {
    assert.deepEqual(
      [["failed", "failed"], ["inactive", "dead"], ["activating", "auto-restart"], ["activating", "start"], ["reloading", "running"], ["active", "running"]].map(([active, sub]) => isDown({ active: active!, sub: sub! })),
      [true, true, true, false, false, false],
    );
    assert.equal(describeState({ active: "inactive", sub: "dead", load: "not-found" }), "inactive (dead, not installed)");
    assert.equal(describeState({ active: "failed", sub: "failed", load: "loaded" }), "failed");
  });
});
