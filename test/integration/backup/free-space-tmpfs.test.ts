// The free-space guard against a real small file system: the data dir on a 100 MB tmpfs. Needs
// root (or CAP_SYS_ADMIN) to mount; elsewhere the test is skipped and the unit test with an
// injected statfs stands in.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { freeBytes } from "../../../src/backup/free-space.ts";
import { SnapshotLedger } from "../../../src/backup/snapshot-ledger.ts";
import { takeBackup } from "../../../src/backup/take-backup.ts";
import { createOldDispatchDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { backupSandbox } from "../../unit/backup/backup-fixture.ts";

const MiB = 1024 * 1024;

function mountTmpfs(dir: string, size: string): string | undefined {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (err) {
    return `cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]})`;
  }
}

describe("backup free-space guard on a real 100 MB tmpfs", () => {
  it("refuses a copy that would leave less than 64 MB, writes nothing, alerts; takes one that fits", async (t) => {
    const mountPoint = join(tmpDir("oyster-tmpfs-"), "data");
    mkdirSync(mountPoint);
    const cannot = mountTmpfs(mountPoint, "100m");
    if (cannot) return t.skip(cannot);
    let sb: ReturnType<typeof backupSandbox> | undefined;
    try {
      sb = backupSandbox({ dispatch: "no-db", dataDir: mountPoint });
      // 25 MB: 2 × 25 MB + 64 MB is more than the ~100 MB free.
      createOldDispatchDb(sb.dbPath, { tasks: 100, logs: 250, logBytes: 100_000, journal: "delete" });
      const size = statSync(sb.dbPath).size;
      const freeBefore = freeBytes(sb.dataDir);
      assert.ok(freeBefore < 2 * size + 64 * MiB && freeBefore > size, `free ${freeBefore}, db ${size}: the copy itself would fit`);

      const refused = await takeBackup(sb.deps());
      assert.equal(refused.outcome, "refused", refused.summary);
      assert.match(refused.summary, /^backup refused: not enough free space in .*snapshots: \d+ MB free, need \d+ MB \(2 × dispatch\.db \(24 MB\) \+ 64 MB\)/);
      assert.deepEqual(readdirSync(sb.snapshotDir), []);
      assert.ok(freeBytes(sb.dataDir) >= freeBefore - MiB, "nothing of size was written");
      assert.equal(sb.book.find("backup", "backup", null)?.status, "open");

      // 3 MB: 2 × 3 + 64 fits.
      rmSync(sb.dbPath);
      createOldDispatchDb(sb.dbPath, { tasks: 100, logs: 30, logBytes: 100_000, journal: "delete" });
      sb.advanceDays(1);
      const ok = await takeBackup(sb.deps());
      assert.equal(ok.outcome, "ok", ok.summary);
      assert.equal(new SnapshotLedger(sb.store).list().length, 1);
      assert.equal(sb.book.find("backup", "backup", null), undefined);
    } finally {
      sb?.store.close();
      execFileSync("umount", [mountPoint]);
    }
  });
});
