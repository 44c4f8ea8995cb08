// df output as real nodes print it: GNU coreutils and BusyBox captured on Debian 12 (the second
// with `busybox df`), the macOS shape from its `df -P -k -i` (block and inode columns together).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDfBlocks, parseDfInodes } from "../../../src/resources/parse-df.ts";

const GNU_BLOCKS = `Filesystem     1024-blocks     Used Available Capacity Mounted on
/dev/vda         264212084 23305572  83085340      22% /
tmpfs             24683748        0  24683748       0% /dev/shm
proc                     0        0         0        - /proc
/dev/vda         264212084 23305572  83085340      22% /
`;

const GNU_INODES = `Filesystem      Inodes IUsed   IFree IUse% Mounted on
proc                 0     0       0     - /proc
tmpfs          3085468     1 3085467    1% /dev/shm
/dev/vda       16777216 423200 16354016    3% /
`;

const BUSYBOX_BLOCKS = `Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/vda             264212084  23305908  83085004  22% /
/dev/vda             264212084  23305908  83085004  22% /
tmpfs                 24683748         0  24683748   0% /dev/shm
proc                         0         0         0   0% /proc
`;

const BUSYBOX_INODES = `Filesystem              Inodes      Used Available Capacity Mounted on
/dev/vda              16777216    423491  16353725   3% /
tmpfs                  3085468         1   3085467   0% /dev/shm
`;

const MACOS = `Filesystem     1024-blocks      Used Available Capacity   iused      ifree %iused  Mounted on
/dev/disk3s1s1   971350180  10181704 526497188     2%  404167 4293885700    0%   /
/dev/disk3s5     971350180 426544284 526497188    45% 2104843 5264971880    1%   /System/Volumes/Data
map auto_home            0         0         0   100%       0          0  100%   /System/Volumes/Data/home
/dev/disk5s1      48827392  45397708   3429684    93%  910221   34296840    3%   /Volumes/Backup Disk
`;

const GiB = 1024 ** 3;

describe("df -P parsing", () => {
  it("reads GNU df -Pk: one entry per mount point, sizes in bytes, df's own Capacity, pseudo filesystems left out", () => {
    assert.deepEqual(parseDfBlocks(GNU_BLOCKS), [
      { filesystem: "/dev/vda", mount: "/", usedPercent: 22, usedBytes: 23305572 * 1024, sizeBytes: 264212084 * 1024 },
      { filesystem: "tmpfs", mount: "/dev/shm", usedPercent: 0, usedBytes: 0, sizeBytes: 24683748 * 1024 },
    ]);
  });

  it("reads GNU df -Pi: inode use per mount, null where the filesystem has no inode table", () => {
    assert.deepEqual([...parseDfInodes(GNU_INODES)], [["/proc", null], ["/dev/shm", 1], ["/", 3]]);
  });

  it("reads BusyBox df -Pk and df -Pi (Used and Capacity under an Inodes header)", () => {
    assert.deepEqual(parseDfBlocks(BUSYBOX_BLOCKS).map((b) => [b.mount, b.usedPercent, b.usedBytes]), [["/", 22, 23305908 * 1024], ["/dev/shm", 0, 0]]);
    assert.deepEqual([...parseDfInodes(BUSYBOX_INODES)], [["/", 3], ["/dev/shm", 0]]);
  });

  it("reads the macOS shape: block and inode columns in one table, spaces in a filesystem name and in a mount point", () => {
    const blocks = parseDfBlocks(MACOS);
    assert.deepEqual(blocks.map((b) => [b.filesystem, b.mount, b.usedPercent]), [
      ["/dev/disk3s1s1", "/", 2],
      ["/dev/disk3s5", "/System/Volumes/Data", 45],
      ["/dev/disk5s1", "/Volumes/Backup Disk", 93],
    ]);
    assert.equal(Math.round((blocks[2]!.sizeBytes / GiB) * 10) / 10, 46.6);
    assert.deepEqual(parseDfInodes(MACOS).get("/Volumes/Backup Disk"), 3);
    assert.deepEqual(parseDfInodes(MACOS).get("/System/Volumes/Data/home"), 100);
  });

  it("takes 512-byte blocks at their size, and works Capacity out where df printed -", () => {
    const text = "Filesystem 512-blocks Used Available Capacity Mounted on\n/dev/sda1 1000 300 100 - /data\n";
    assert.deepEqual(parseDfBlocks(text), [{ filesystem: "/dev/sda1", mount: "/data", usedPercent: 75, usedBytes: 300 * 512, sizeBytes: 1000 * 512 }]);
  });

  it("skips df's own error lines (stderr merged) and keeps the filesystems it could read", () => {
    const text = `df: /home/agent/dispatch: No such file or directory\n${GNU_BLOCKS}df: /mnt/stale: Stale file handle\n`;
    assert.deepEqual(parseDfBlocks(text).map((b) => b.mount), ["/", "/dev/shm"]);
  });

  it("gives nothing, without throwing, for output that is not df's", () => {
    for (const junk of ["", "df: invalid option -- 'P'\nBusyBox v1.20 multi-call binary.", "Filesystem\n/dev/sda1 lots used /", "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 12 x 3 4% /"]) {
      assert.deepEqual(parseDfBlocks(junk), [], junk);
      assert.equal(parseDfInodes(junk).size, 0, junk);
    }
  });
});
