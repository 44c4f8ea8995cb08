import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { takeBackup } from "../../../src/backup/take-backup.ts";
import { runCli } from "../../../src/cli.ts";
import type { Progress } from "../../../src/progress/progress.ts";
import { backupSandbox } from "../backup/backup-fixture.ts";

const CLEAR_LINE = "\r\x1b[2K";

function recorder() {
  const seen: string[] = [];
  const progress: Progress = { start: (n, task) => seen.push(`start ${n} ${task}`), step: (d, a = []) => seen.push(`${d} ${a.join(",")}`), end: () => seen.push("end") };
  return { progress, seen };
}

/** A stdout that is (or is not) a terminal, keeping what was written. */
function screen(isTTY: boolean) {
  let text = "";
  let err = "";
  return { out: { stdout: { isTTY, write: (s: string) => (text += s) }, stderr: { write: (s: string) => (err += s) } }, text: () => text, err: () => err };
}

describe("backup progress", () => {
  it("reports its two steps, the copy then retention, and ends before it returns", async () => {
    const sb = backupSandbox({ tasks: 5 });
    const { progress, seen } = recorder();
    const r = await takeBackup(sb.deps({ progress }));
    assert.equal(r.ok, true, r.summary);
    assert.deepEqual(seen.slice(0, 4), ["start 2 backup", "0 copy", "1 retention", "end"]);
    assert.ok(seen.slice(4).every((s) => s === "end"), "ended, perhaps twice, and nothing after");
  });

  it("reports nothing when there is nothing to back up", async () => {
    const sb = backupSandbox({ dispatch: "no-db" });
    const { progress, seen } = recorder();
    assert.equal((await takeBackup(sb.deps({ progress }))).outcome, "not-configured");
    assert.deepEqual(seen, []);
  });

  it("`oyster backup` on a terminal draws its line, erases it, then prints the result on a clean line; in a pipe, nothing of it", async () => {
    const sb = backupSandbox({ tasks: 5 });
    const tty = screen(true);
    assert.equal(await runCli(["backup"], { env: sb.env, out: tty.out, now: sb.now }), 0, tty.err());
    const draws = tty.text().split(CLEAR_LINE);
    assert.equal(draws[0], "", "the line comes first");
    assert.match(draws[1]!, /^backup: step 1 of 2 \(\d+ s\); copying and verifying dispatch\.db$/);
    assert.match(draws.at(-1)!, /^dispatch-\d{8}-\d{6}\.db, [\d.]+ [KM]B, verified, 1 kept, 0 pruned\n$/);

    sb.advanceDays(1);
    const pipe = screen(false);
    assert.equal(await runCli(["backup"], { env: sb.env, out: pipe.out, now: sb.now }), 0, pipe.err());
    assert.match(pipe.text(), /^dispatch-\d{8}-\d{6}\.db, [\d.]+ [KM]B, verified, 2 kept, 0 pruned\n$/);
  });
});
