// `oyster logs` end to end: in-process through runCli over real files in a temp sandbox, and once
// through the real bin (dist/cli.js: run `node scripts/build.mjs --no-check` first).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const SECRET = "smtp-pass-9f8e7d6c";

function sandbox() {
  const root = tmpDir();
  const dispatchDir = join(root, "dispatch");
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  const outside = join(root, "outside");
  for (const d of [join(dispatchDir, "web", "tasks", "7"), configDir, join(dataDir, "logs"), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir } }));
  writeFileSync(join(configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }, { name: "api" }] }));
  writeFileSync(join(dispatchDir, "dispatch.log"), Array.from({ length: 300 }, (_, i) => `dispatch ${i}`).join("\n") + `\nsmtp login with ${SECRET}\n`);
  writeFileSync(join(dispatchDir, "web", "tasks", "7", "task.log"), "task seven started\ntask seven done\n");
  writeFileSync(join(outside, "task.log"), "OUTSIDE-CONTENT\n");
  const t = Date.parse("2026-01-02T03:04:05Z");
  const rec = (level: number, msg: string, extra: object = {}) => JSON.stringify({ level, time: t, pid: 1, msg, ...extra });
  writeFileSync(
    join(dataDir, "logs", "oyster.log"),
    [rec(30, "run started", { job: "guardian" }), rec(40, "check failed", { job: "guardian", node: "n1" }), rec(50, "quota probe failed", { job: "monitor" }), rec(30, "bot up")].join("\n") + "\n",
  );
  const env = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, SMTP_URL: `smtp://u:${SECRET}@127.0.0.1:1` };
  const run = async (...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() } });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  return { run, env, dispatchDir, outside };
}

describe("oyster logs", () => {
  it("logs dispatch prints the last lines with secrets scrubbed", async () => {
    const { run } = sandbox();
    const r = await run("logs", "dispatch", "--lines", "3");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[0], "dispatch 298");
    assert.match(r.stdout, /dispatch 299\nsmtp login with \S+\n$/);
    assert.doesNotMatch(r.stdout, new RegExp(SECRET));
  });

  it("logs oyster renders JSON lines readably, filtered by level and job", async () => {
    const { run } = sandbox();
    const all = await run("logs", "oyster");
    assert.equal(all.code, 0, all.stderr);
    // The CLI's own run may add lines of its own after the seeded ones; the seeded ones come first.
    assert.match(all.stdout, /^03:04:05 INFO run started job=guardian\n03:04:05 WARN check failed job=guardian node=n1\n/);
    const r = await run("logs", "oyster", "--level", "warn", "--job", "guardian", "--json");
    assert.equal(r.code, 0, r.stderr);
    const data = JSON.parse(r.stdout) as { lines: string[]; filter: unknown };
    assert.deepEqual(data.lines, ["03:04:05 WARN check failed job=guardian node=n1"]);
    assert.deepEqual(data.filter, { level: "warn", job: "guardian" });
  });

  it("logs task prints a task's task.log", async () => {
    const { run } = sandbox();
    const r = await run("logs", "task", "web", "7");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "task seven started\ntask seven done\n");
  });

  it("logs task refuses .., an absolute path, an unknown project and a symlink out (exit 2, nothing from outside)", async () => {
    const { run, dispatchDir, outside } = sandbox();
    symlinkSync(outside, join(dispatchDir, "web", "tasks", "evil"));
    for (const argv of [["web", ".."], ["web", "../../../outside"], ["web", join(outside, "task.log")], ["nope", "7"], ["web", "evil"]]) {
      const r = await run("logs", "task", ...argv, "--json");
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.equal((JSON.parse(r.stdout) as { ok: boolean }).ok, false);
      assert.doesNotMatch(r.stdout + r.stderr, /OUTSIDE-CONTENT/);
    }
    const unknown = await run("logs", "task", "nope", "7");
    assert.match(unknown.stderr, /unknown project "nope" \(known: web, api\)/);
  });

  it("logs task refuses a task.log linked to dispatch's .env (inside dispatch.dir, outside the task's dir): exit 2, nothing printed", async () => {
    const { run, dispatchDir } = sandbox();
    writeFileSync(join(dispatchDir, ".env"), "ANTHROPIC_API_KEY=ENV-CONTENT-123\n");
    mkdirSync(join(dispatchDir, "web", "tasks", "8"));
    symlinkSync("../../../.env", join(dispatchDir, "web", "tasks", "8", "task.log"));
    for (const json of [false, true]) {
      const r = await run("logs", "task", "web", "8", ...(json ? ["--json"] : []));
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, /ENV-CONTENT/);
      if (!json) assert.equal(r.stdout, "");
      assert.match(json ? JSON.parse(r.stdout).error.message : r.stderr, /web\/tasks\/8\/task\.log leads outside its task's directory/);
    }
  });

  it("logs task refuses a FIFO named task.log at once (exit 2) and never waits on it", { timeout: 15_000 }, async () => {
    const { run, dispatchDir } = sandbox();
    mkdirSync(join(dispatchDir, "web", "tasks", "9"));
    execFileSync("mkfifo", [join(dispatchDir, "web", "tasks", "9", "task.log")]);
    const r = await run("logs", "task", "web", "9");
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /web\/tasks\/9\/task\.log is a FIFO, not a plain file: refused, nothing read/);
  });

  it("logs task in text mode prints none of the log's escape sequences or control bytes, keeps tab and newline; --json keeps them escaped", async () => {
    const { run, dispatchDir } = sandbox();
    const hostile = "clip\x1b]52;c;ZWNobyBvd25lZA==\x07 title\x1b]0;owned\x1b\\ clear\x1b[2J\x1b[H\tcol\rback\x00";
    writeFileSync(join(dispatchDir, "web", "tasks", "7", "task.log"), `${hostile}\nnext\tline\n`);
    const text = await run("logs", "task", "web", "7");
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, "clip title clear\tcolback\nnext\tline\n");
    const json = await run("logs", "task", "web", "7", "--json");
    assert.deepEqual(JSON.parse(json.stdout).lines, [hostile, "next\tline"]);
    assert.ok(json.stdout.includes("\\u001b]52;c;") && json.stdout.includes("\\u001b[2J"), json.stdout);
    assert.doesNotMatch(json.stdout, /\x1b/);
  });

  it("a missing log is exit 1 naming its path", async () => {
    const { run, dispatchDir } = sandbox();
    const r = await run("logs", "task", "web", "404");
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(join(dispatchDir, "web", "tasks", "404", "task.log")), r.stderr);
  });

  it("the real bin prints the tail and refuses a path out with exit 2", async () => {
    const { env, dispatchDir, outside } = sandbox();
    symlinkSync(join(outside, "task.log"), join(dispatchDir, "web", "tasks", "7", "link.log"));
    const ok = await runOyster(["logs", "dispatch", "--lines", "2", "--json"], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { lines: string[] }).lines[0], "dispatch 299");
    const bad = await runOyster(["logs", "task", "web", "../../../outside"], env);
    assert.equal(bad.code, 2, bad.stderr);
    assert.doesNotMatch(bad.stdout + bad.stderr, /OUTSIDE-CONTENT/);
  });
});
