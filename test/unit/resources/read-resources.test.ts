import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseMeminfo } from "../../../src/resources/parse-meminfo.ts";
import { readResources } from "../../../src/resources/read-resources.ts";
import { readFileCommand, resourcesCommand } from "../../../src/resources/remote-command.ts";
import { sectionCommand, splitSections } from "../../../src/resources/sections.ts";
import { sizePair } from "../../../src/resources/format.ts";

const part = (name: string, body: string, code: number | null = 0) => `@@oyster begin ${name}\n${body}\n${code === null ? "" : `@@oyster end ${name} ${code}\n`}`;
const DF = "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 52428800 48758784 3670016 93% /\n";
const DFI = "Filesystem Inodes IUsed IFree IUse% Mounted on\n/dev/sda1 3276800 98304 3178496 3% /\n";
const MEMINFO = "MemTotal:        8388608 kB\nMemFree:          102400 kB\nMemAvailable:     317440 kB\nBuffers:           10240 kB\n";

describe("reading a node's resources", () => {
  it("splits marked parts with their exit status, whatever their output ends with", () => {
    const out = execFileSync("/bin/sh", ["-c", [sectionCommand("a", "printf 'no newline'"), sectionCommand("b", "echo two; echo lines; false")].join("; ")], { encoding: "utf8" });
    assert.deepEqual([...splitSections(out)], [["a", { body: "no newline", code: 0 }], ["b", { body: "two\nlines", code: 1 }]]);
  });

  it("runs on this machine's own /bin/sh and reads its real disk and memory (the dispatch dir left out while it does not exist)", () => {
    const out = execFileSync("/bin/sh", ["-c", resourcesCommand("~/no-such-dispatch-dir-yet")], { encoding: "utf8" });
    const r = readResources(splitSections(out));
    assert.ok(r.filesystems && r.filesystems.some((f) => f.mount === "/"), out);
    assert.equal(r.diskError, undefined);
    if (process.platform === "linux") assert.ok(r.memory && r.memory.totalBytes > 0 && r.memory.availablePercent > 0, out);
  });

  it("reads df, df -Pi and /proc/meminfo into one reading", () => {
    const r = readResources(splitSections(part("df", DF) + part("df-inodes", DFI) + part("meminfo", MEMINFO)));
    assert.deepEqual(r.filesystems, [{ filesystem: "/dev/sda1", mount: "/", usedPercent: 93, usedBytes: 48758784 * 1024, sizeBytes: 52428800 * 1024, inodesUsedPercent: 3 }]);
    assert.deepEqual(r.memory, { availablePercent: (317440 / 8388608) * 100, availableBytes: 317440 * 1024, totalBytes: 8388608 * 1024 });
  });

  it("reads GNU df's one table of blocks and inodes (df-all) for both, a filesystem without an inode table as unknown", () => {
    const all = "Filesystem 1K-blocks Used Avail Use% Inodes IUsed IFree IUse% Mounted on\n/dev/sda1 52428800 48758784 3670016 93% 3276800 98304 3178496 3% /\nbtrfs0 1048576 524288 524288 50% 0 0 0 - /data\n";
    const r = readResources(splitSections(part("df-all", all) + part("meminfo", MEMINFO)));
    assert.deepEqual(r.filesystems, [
      { filesystem: "/dev/sda1", mount: "/", usedPercent: 93, usedBytes: 48758784 * 1024, sizeBytes: 52428800 * 1024, inodesUsedPercent: 3 },
      { filesystem: "btrfs0", mount: "/data", usedPercent: 50, usedBytes: 524288 * 1024, sizeBytes: 1048576 * 1024, inodesUsedPercent: null },
    ]);
    assert.equal(r.diskError, undefined);
    assert.equal(r.inodesNote, undefined);
  });

  it("a df that refuses --output (BusyBox, BSD): the two POSIX tables printed after it are read instead, to the same reading as GNU's one table", () => {
    const dir = mkdtempSync(join(tmpdir(), "oyster-df-"));
    try {
      const realDf = execFileSync("/bin/sh", ["-c", "command -v df"], { encoding: "utf8" }).trim();
      writeFileSync(join(dir, "df"), `#!/bin/sh\ncase "$*" in *--output*) echo "df: unrecognized option: output" >&2; exit 1;; esac\nexec ${realDf} "$@"\n`, { mode: 0o755 });
      const run = (path: string) => execFileSync("/bin/sh", ["-c", resourcesCommand("~/no-such-dispatch-dir-yet")], { encoding: "utf8", env: { ...process.env, PATH: path } });
      const posix = run(`${dir}:${process.env.PATH}`);
      const parts = splitSections(posix);
      assert.equal(parts.get("df-all")?.code, 1, posix);
      assert.equal(parts.get("df")?.code, 0, posix);
      const fromPosix = readResources(parts).filesystems;
      assert.ok(fromPosix && fromPosix.length > 0 && fromPosix.every((f) => f.inodesUsedPercent !== undefined), posix);
      if (process.platform === "linux") {
        const gnu = splitSections(run(process.env.PATH ?? ""));
        assert.equal(gnu.get("df-all")?.code, 0, "this machine's df is GNU's");
        assert.equal(gnu.get("df"), undefined, "GNU's one table is enough: the POSIX pair is not run");
        const fromGnu = readResources(gnu).filesystems;
        assert.deepEqual(fromGnu?.map((f) => [f.mount, f.filesystem, f.sizeBytes, f.inodesUsedPercent !== null]), fromPosix.map((f) => [f.mount, f.filesystem, f.sizeBytes, f.inodesUsedPercent !== null]));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("/proc/meminfo is read by the shell itself; a node without it has memory unknown in dash's and bash's words alike", () => {
    for (const shell of ["/bin/sh", "/bin/bash"]) {
      const out = execFileSync(shell, ["-c", sectionCommand("meminfo", `{ ${readFileCommand("/proc/no-such-meminfo")}; } 2>&1`)], { encoding: "utf8" });
      const r = readResources(splitSections(part("df", DF) + out));
      assert.deepEqual([r.memory, r.memoryNote], [null, "memory unknown: this node has no /proc/meminfo"], `${shell}: ${out}`);
    }
    if (process.platform === "linux") {
      const out = execFileSync("/bin/sh", ["-c", readFileCommand("/proc/meminfo")], { encoding: "utf8" });
      assert.ok(parseMeminfo(out), out);
    }
  });

  it("says plainly why a node's df could not be read, instead of failing", () => {
    const r = readResources(splitSections(part("df", "df: invalid option -- 'P'\nBusyBox v1.01 multi-call binary", 1) + part("df-inodes", "", 1) + part("meminfo", MEMINFO)));
    assert.equal(r.filesystems, null);
    assert.equal(r.diskError, "disk use could not be read: df -Pk exited 1: df: invalid option -- 'P' | BusyBox v1.01 multi-call binary");
    assert.ok(r.memory);
  });

  it("a node without /proc/meminfo has memory unknown, and its disks are still read", () => {
    const r = readResources(splitSections(part("df", DF) + part("df-inodes", DFI) + part("meminfo", "cat: /proc/meminfo: No such file or directory", 1)));
    assert.deepEqual([r.memory, r.memoryNote], [null, "memory unknown: this node has no /proc/meminfo"]);
    assert.equal(r.filesystems?.length, 1);
  });

  it("output cut short: what arrived is read, the rest is said to be missing", () => {
    const r = readResources(splitSections(part("df", DF, null)));
    assert.equal(r.filesystems?.[0]?.usedPercent, 93);
    assert.equal(r.inodesNote, "inode use could not be read: df -Pi printed nothing (its output was cut short)");
    assert.equal(r.memoryNote, "memory unknown: cat /proc/meminfo printed nothing (its output was cut short)");
  });

  it("estimates available memory on kernels without MemAvailable (free + buffers + cache)", () => {
    assert.deepEqual(parseMeminfo("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 150 kB\n"), { availablePercent: 30, availableBytes: 300 * 1024, totalBytes: 1000 * 1024 });
    assert.equal(parseMeminfo("Total: lots\n"), null);
  });

  it("writes sizes as df -h would count them, the part in its own unit when smaller", () => {
    assert.equal(sizePair(46.5 * 1024 ** 3, 50 * 1024 ** 3), "46.5 of 50 GiB");
    assert.equal(sizePair(310 * 1024 ** 2, 8 * 1024 ** 3), "310 MiB of 8 GiB");
    assert.equal(sizePair(0, 1024 ** 4 * 2), "0 of 2 TiB");
  });
});
