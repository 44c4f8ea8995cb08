import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assessResources } from "../../../src/resources/assess.ts";
import { levelForAvailable, levelForUsed, type Level } from "../../../src/resources/decide.ts";
import type { ResourceReading } from "../../../src/resources/types.ts";

const DISK = [85, 95] as const;
const MEMORY = [10, 5] as const;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Feeds readings one after another, each judged against the level the previous one left (as the alert would hold it). */
function walk(readings: number[], judge: (v: number, now: Level) => Level): Level[] {
  let now: Level = "ok";
  return readings.map((v) => (now = judge(v, now)));
}

describe("resource levels", () => {
  it("used %: warns at the first line, is critical at the second, and resolves only 2 points under the first", () => {
    assert.deepEqual(
      walk([80, 85, 84, 83, 82.9, 84, 85], (v, now) => levelForUsed(v, DISK, now)),
      ["ok", "warning", "warning", "warning", "ok", "ok", "warning"],
    );
  });

  it("used %: a critical disk stays critical until 2 points under the second line, then warns until 2 under the first", () => {
    assert.deepEqual(
      walk([96, 94, 93, 92, 86, 84, 82], (v, now) => levelForUsed(v, DISK, now)),
      ["critical", "critical", "critical", "warning", "warning", "warning", "ok"],
    );
  });

  it("memory: below 10% available warns, below 5% is critical, not the other way round", () => {
    assert.deepEqual([11, 10, 9.9, 5, 4.9, 0].map((v) => levelForAvailable(v, MEMORY, "ok")), ["ok", "ok", "warning", "warning", "critical", "critical"]);
  });

  it("memory: resolves only above 12% available, and a critical one stays critical up to 7%", () => {
    assert.deepEqual(
      walk([4, 6, 7, 7.5, 11, 12, 12.1], (v, now) => levelForAvailable(v, MEMORY, now)),
      ["critical", "critical", "critical", "warning", "warning", "warning", "ok"],
    );
  });
});

describe("assessResources", () => {
  const reading: ResourceReading = {
    filesystems: [
      { filesystem: "/dev/sda1", mount: "/", usedPercent: 93, usedBytes: 46.5 * GiB, sizeBytes: 50 * GiB, inodesUsedPercent: 12 },
      { filesystem: "/dev/sdb1", mount: "/home", usedPercent: 40, usedBytes: 80 * GiB, sizeBytes: 200 * GiB, inodesUsedPercent: 91 },
      { filesystem: "btrfs", mount: "/data", usedPercent: 97, usedBytes: 970 * GiB, sizeBytes: 1000 * GiB, inodesUsedPercent: null },
    ],
    memory: { availablePercent: (310 / 8192) * 100, availableBytes: 310 * MiB, totalBytes: 8 * GiB },
  };
  const t = { disk: DISK, inodes: DISK, memory: MEMORY };

  it("judges each filesystem by its mount point, its inodes where it has them, and memory, in the alert's own words", () => {
    const { assessments, unjudged } = assessResources(reading, t, () => "ok");
    assert.deepEqual(
      assessments.map((a) => [a.check, a.level, a.reading, a.alertAtOnce]),
      [
        ["disk:/", "warning", "disk / 93% used (46.5 of 50 GiB)", true],
        ["disk:/home", "ok", "disk /home 40% used (80 of 200 GiB)", true],
        ["disk:/data", "critical", "disk /data 97% used (970 of 1000 GiB)", true],
        ["inodes:/", "ok", "inodes / 12% used", true],
        ["inodes:/home", "warning", "inodes /home 91% used", true],
        ["memory", "critical", "memory 3% available (310 MiB of 8 GiB)", false],
      ],
    );
    assert.deepEqual(unjudged, []);
  });

  it("keeps an open alert open in the hysteresis band, and says why", () => {
    const near = { ...reading, filesystems: [{ ...reading.filesystems![0]!, usedPercent: 84 }] };
    const open = assessResources(near, t, (c) => (c === "disk:/" ? "warning" : "ok")).assessments[0]!;
    assert.deepEqual([open.level, open.why], ["warning", "still open until below 83%"]);
    const fresh = assessResources(near, t, () => "ok").assessments[0]!;
    assert.deepEqual([fresh.level, fresh.why], ["ok", "warning from 85%"]);
  });

  it("a node whose df could not be read is one warning that waits for alertAfter; unknown memory is left unjudged", () => {
    const { assessments, unjudged } = assessResources(
      { filesystems: null, diskError: "disk use could not be read: df -Pk exited 1: df: invalid option -- 'P'", memory: null, memoryNote: "memory unknown: this node has no /proc/meminfo" },
      t,
      () => "ok",
    );
    assert.deepEqual(assessments, [{ check: "disk", level: "warning", reading: "disk use could not be read: df -Pk exited 1: df: invalid option -- 'P'", why: "no automatic fix", alertAtOnce: false }]);
    assert.deepEqual(unjudged, [{ check: "memory", detail: "memory unknown: this node has no /proc/meminfo" }]);
  });
});
