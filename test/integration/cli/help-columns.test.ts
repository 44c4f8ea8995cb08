// `oyster help` fits the terminal it prints to: COLUMNS, else the terminal's width, else 80 (a
// pipe). The real bin, as an operator runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { displayWidth } from "../../../src/render/paint.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

async function help(columns: string | undefined): Promise<string[]> {
  const dir = tmpDir();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), ...(columns ? { COLUMNS: columns } : {}) };
  const r = await runOyster(["help"], env, dir);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.replace(/\n$/, "").split("\n");
}

const tooWide = (lines: string[], columns: number) => lines.filter((l) => displayWidth(l) > columns);

describe("oyster help fits the terminal", () => {
  it("COLUMNS=80: no line longer than 80, every command listed, a wide usage broken at ` | `", async () => {
    const lines = await help("80");
    assert.deepEqual(tooWide(lines, 80), []);
    for (const cmd of registry) assert.ok(lines.some((l) => new RegExp(`^ {2}\\S+ +${cmd.name}( |$)`).test(l)), `${cmd.name} listed`);
    const at = lines.findIndex((l) => /^ {2}operator {2}restart dispatch <project> \| guardian/.test(l));
    assert.ok(at >= 0, lines.join("\n"));
    assert.match(lines[at + 1]!, /^ {16}\| service <nodes> <unit>/);
  });

  it("COLUMNS=60: no line longer than 60", async () => {
    assert.deepEqual(tooWide(await help("60"), 60), []);
  });

  it("COLUMNS=200: no line longer than 200, and a usage that fits stays on one line", async () => {
    const lines = await help("200");
    assert.deepEqual(tooWide(lines, 200), []);
    const restart = registry.find((c) => c.name === "restart")!;
    assert.ok(lines.includes(`  operator  ${restart.usage}`), "restart's usage on one line");
  });

  it("a pipe without COLUMNS gets 80", async () => {
    const lines = await help(undefined);
    assert.deepEqual(tooWide(lines, 80), []);
    assert.ok(lines.some((l) => displayWidth(l) > 70), "the width is used, not a narrow default");
  });
});
