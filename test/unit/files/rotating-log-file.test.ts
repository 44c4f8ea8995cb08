import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RotatingLogFile } from "../../../src/files/rotating-log-file.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const line = (i: number) => `{"msg":"line ${String(i).padStart(4, "0")}"}\n`; // 22 bytes

describe("RotatingLogFile", () => {
  it("rotates by size into .1 .. .keep, newest first, dropping the oldest, every file 0600", () => {
    const path = join(tmpDir(), "oyster.log");
    const f = new RotatingLogFile(path, { maxBytes: 220, keep: 2 });
    for (let i = 0; i < 50; i++) f.write(line(i)); // 1100 bytes: five files' worth
    f.close();
    for (const p of [path, `${path}.1`, `${path}.2`]) {
      assert.ok(existsSync(p), p);
      assert.ok(statSync(p).size <= 220, `${p} stays under the limit`);
      assert.equal(statSync(p).mode & 0o777, 0o600);
    }
    assert.ok(!existsSync(`${path}.3`), "only `keep` generations");
    const current = readFileSync(path, "utf8");
    assert.match(current, /line 0049/, "the newest line is in the live file");
    assert.match(readFileSync(`${path}.1`, "utf8"), /line 0039/);
    assert.ok(!readFileSync(`${path}.2`, "utf8").includes("line 0000"), "the oldest lines are gone");
  });

  it("two writers on one file (the bot and a CLI): one rotates, the other follows to the new file; no line is lost", () => {
    const path = join(tmpDir(), "oyster.log");
    const bot = new RotatingLogFile(path, { maxBytes: 400, keep: 20 });
    const cli = new RotatingLogFile(path, { maxBytes: 400, keep: 20 });
    for (let i = 0; i < 120; i++) (i % 2 ? cli : bot).write(line(i));
    bot.close();
    cli.close();
    const all = [path, ...Array.from({ length: 20 }, (_, i) => i + 1).map((n) => `${path}.${n}`)].filter(existsSync).map((p) => readFileSync(p, "utf8")).join("");
    for (let i = 0; i < 120; i++) assert.ok(all.includes(`line ${String(i).padStart(4, "0")}`), `line ${i} kept`);
    assert.ok(existsSync(`${path}.1`), "it rotated");
  });

  it("an existing file keeps growing from where it is", () => {
    const path = join(tmpDir(), "oyster.log");
    const a = new RotatingLogFile(path, { maxBytes: 10_000, keep: 1 });
    a.write(line(1));
    a.close();
    const b = new RotatingLogFile(path, { maxBytes: 10_000, keep: 1 });
    b.write(line(2));
    b.close();
    assert.equal(readFileSync(path, "utf8"), line(1) + line(2));
  });
});
