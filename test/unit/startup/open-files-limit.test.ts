import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseProcLimits, readOpenFilesLimit, warnOnLowOpenFiles } from "../../../src/startup/open-files-limit.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            256                  1048576              files
Max locked memory         8388608              8388608              bytes
`;

describe("open-files limit", () => {
  test("reads the soft limit from /proc/self/limits; unlimited or absent is unknown", () => {
    assert.equal(parseProcLimits(LIMITS), 256);
    assert.equal(parseProcLimits(LIMITS.replace("256 ", "unlimited ")), undefined);
    assert.equal(parseProcLimits("Max cpu time unlimited"), undefined);
  });

  test("reads this process's own limit", async () => {
    const n = await readOpenFilesLimit();
    assert.ok(n === undefined || n > 0);
  });

  test("warns when the limit is below nodes + 64, naming both, and is quiet otherwise", async () => {
    const low = memoryLogger("warn");
    await warnOnLowOpenFiles(200, low.log, async () => 256);
    assert.equal(low.lines.length, 1);
    assert.match(low.lines[0]!, /open-files limit 256 is below nodes \+ 64 \(264\)/);
    const ok = memoryLogger("warn");
    await warnOnLowOpenFiles(150, ok.log, async () => 256);
    await warnOnLowOpenFiles(150, ok.log, async () => undefined);
    assert.equal(ok.lines.length, 0);
  });
});
