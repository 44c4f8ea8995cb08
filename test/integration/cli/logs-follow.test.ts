// `oyster logs oyster --follow` as an operator runs it: the real bin (dist/cli.js: run
// `node scripts/build.mjs` first) in its own process, a temp data dir whose logs/oyster.log the
// test appends to, rotates and truncates, then Ctrl-C (SIGINT). Every wait polls the output.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, renameSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exitOf, PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const SECRET = "smtp-pass-5a4b3c2d";
// The test's own lines carry this job (a real one: --job takes only the scheduler's job names); `--job`
// leaves out whatever the CLI logs about itself.
const JOB = "monitor";
const rec = (msg: string, job = JOB) => `${JSON.stringify({ level: 30, time: Date.parse("2026-01-02T03:04:05Z"), pid: 1, msg, job })}\n`;

function sandbox() {
  const root = tmpDir();
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  mkdirSync(configDir);
  mkdirSync(join(dataDir, "logs"), { recursive: true });
  const log = join(dataDir, "logs", "oyster.log");
  writeFileSync(log, rec("seed one") + rec("seed two") + rec("seed of another job", "guardian"));
  const env = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, SMTP_URL: `smtp://u:${SECRET}@127.0.0.1:1` };
  return { env, log };
}

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(process.execPath, [`${PROJECT_ROOT}/bin/oyster.js`, ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const printed = (text: string) => waitUntil(() => stdout.includes(text), () => `"${text}" in the output; stdout: ${stdout}\nstderr: ${stderr}`);
  return { child, printed, stdout: () => stdout, stderr: () => stderr };
}

describe("oyster logs oyster --follow", () => {
  it("prints the tail, then new lines across rotation and truncation, filtered, scrubbed and safe for a terminal, until Ctrl-C (exit 0)", { timeout: 60_000 }, async () => {
    const { env, log } = sandbox();
    const run = start(["logs", "oyster", "--follow", "--job", JOB], env);
    try {
      await run.printed("INFO seed two job=monitor");
      assert.match(run.stdout(), /INFO seed one job=monitor\n.*INFO seed two job=monitor\n/);

      appendFileSync(log, rec("not this job", "guardian") + rec(`login with ${SECRET}`) + rec("bell\x07 clear\x1b[2J done"));
      await run.printed("INFO bell clear done job=monitor");
      assert.match(run.stdout(), /INFO login with \[REDACTED\] job=monitor\n/);

      // RotatingLogFile's rotation: rename to .1, a late line from a writer still on the old file, a new file.
      renameSync(log, `${log}.1`);
      appendFileSync(`${log}.1`, rec("late line in the old file"));
      writeFileSync(log, rec("first line of the new file") + rec("second line of the new file"));
      await run.printed("INFO second line of the new file");
      assert.match(run.stdout(), /late line in the old file job=monitor\n(.*\n)?.*first line of the new file job=monitor\n/);
      assert.match(run.stdout(), /-- .*oyster\.log was rotated; following the new file\n/);

      truncateSync(log, 0);
      appendFileSync(log, rec("after truncation"));
      await run.printed("INFO after truncation job=monitor");

      run.child.kill("SIGINT");
      assert.equal(await exitOf(run.child), 0, run.stderr());
      assert.match(run.stdout(), /-- stopped following .*oyster\.log \(\d+ new lines\)\n$/);
      const out = run.stdout();
      assert.doesNotMatch(out, /seed of another job|not this job/);
      assert.ok(!out.includes(SECRET), out);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(out, /[\x07\x1b]/);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });

  it("refuses --json: the lines would not be one JSON document (exit 2)", async () => {
    const { env } = sandbox();
    const run = start(["logs", "oyster", "--follow", "--json"], env);
    assert.equal(await exitOf(run.child), 2, run.stderr());
    assert.match(JSON.parse(run.stdout()).error.message, /logs oyster --follow prints lines until Ctrl-C: run it without --json/);
  });
});
