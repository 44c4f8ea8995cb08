import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideUnit, needsWork } from "../../../src/units/decide.ts";
import { parseProbe, probeCommand } from "../../../src/units/probe.ts";

const SHA = "a".repeat(64);
const OTHER = "b".repeat(64);
const unit = { template: "agent-daemon" as const, unit: "agent-daemon" };
const decide = (sha256: string | null, enabled: string, active: string) => decideUnit(unit, "/etc/systemd/system/agent-daemon.service", SHA, { unit: "agent-daemon", sha256, enabled, active });

describe("install-daemon decisions", () => {
  it("installs, enables and starts a new unit; installs and restarts a changed one", () => {
    assert.deepEqual([decide(null, "unknown", "inactive")].map((d) => [d.file, d.enable, d.start]), [["new", true, "start"]]);
    assert.deepEqual([decide(OTHER, "enabled", "active")].map((d) => [d.file, d.enable, d.start]), [["changed", false, "restart"]]);
  });

  it("leaves an identical, enabled, active unit alone, and enables or starts an identical one that is not", () => {
    const healthy = decide(SHA, "enabled", "active");
    assert.deepEqual([healthy.file, healthy.enable, healthy.start, needsWork(healthy)], ["same", false, null, false]);
    assert.deepEqual([decide(SHA, "disabled", "active")].map((d) => [d.enable, d.start]), [[true, null]]);
    assert.deepEqual([decide(SHA, "enabled", "failed")].map((d) => [d.enable, d.start]), [[false, "start"]]);
    assert.deepEqual([decide(SHA, "static", "inactive")].map((d) => [d.enable, d.start]), [[false, "start"]]);
  });
});

describe("the probe", () => {
  it("quotes every unit name and the unit dir", () => {
    const cmd = probeCommand("/etc/systemd/system", ["agent-daemon", "x'y"]);
    assert.match(cmd, /for u in 'agent-daemon' 'x'\\''y'; do/);
    assert.match(cmd, /f='\/etc\/systemd\/system'\/"\$u"\.service/);
  });

  it("parses home and per-unit hash, enabled and active; a unit not reported counts as missing", () => {
    const out = `home\t/home/agent\nunit\tagent-daemon\t${SHA}\tenabled\tactive\nunit\tw\tmissing\tunknown\tinactive\nnoise\n`;
    assert.deepEqual(parseProbe(out, ["agent-daemon", "w", "gone"]), {
      home: "/home/agent",
      units: [
        { unit: "agent-daemon", sha256: SHA, enabled: "enabled", active: "active" },
        { unit: "w", sha256: null, enabled: "unknown", active: "inactive" },
        { unit: "gone", sha256: null, enabled: "unknown", active: "unknown" },
      ],
    });
  });
});
