// `oyster restart dispatch` with Oyster's secrets in the environment, run in-process against real
// /bin/sh stop and start commands: the child gets none of them unless dispatch.passEnv names it,
// and no secret value reaches --json, the text output or the audit table either way.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const SECRETS = { SLACK_BOT_TOKEN: "xoxb-111-222-bot-secret", SLACK_APP_TOKEN: "xapp-1-app-secret", SOME_PROVIDER_KEY: "sk-provider-live-9876" };

// The stop echoes the variables (as a chatty script might) and records what it was given; it
// also prints a token it read from a file, as a log it tails might: scrubbed all the same.
const STOP = [
  'echo "bot=[${SLACK_BOT_TOKEN-absent}] key=[${SOME_PROVIDER_KEY-absent}]"',
  'printf %s "${SLACK_BOT_TOKEN-absent} ${SOME_PROVIDER_KEY-absent}" > seen.txt',
  "cat old.log >&2",
].join("; ");

function sandbox(passEnv: string[] = []) {
  const root = tmpDir();
  const dispatchDir = join(root, "dispatch");
  const configDir = join(root, "config");
  mkdirSync(dispatchDir);
  mkdirSync(configDir);
  writeFileSync(join(dispatchDir, "old.log"), `connected with ${SECRETS.SLACK_BOT_TOKEN}\n`);
  writeFileSync(join(configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }] }));
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({
    dispatch: { dir: dispatchDir, stopCommand: STOP, startCommand: "echo started {project}", passEnv },
    monitor: { providers: { openai: [{ label: "main", keyEnv: "SOME_PROVIDER_KEY" }] } },
  }));
  const env = { ...SECRETS, PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
  const run = async (args: string[]) => {
    const c = captureOutput();
    const code = await runCli(args, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() } });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  const seen = () => readFileSync(join(dispatchDir, "seen.txt"), "utf8");
  const audit = () => {
    const store = openStore(env.OYSTER_DATA_DIR);
    try {
      return store.audit.since(new Date(0));
    } finally {
      store.close();
    }
  };
  return { run, seen, audit };
}

const leaked = (text: string) => Object.values(SECRETS).filter((v) => text.includes(v));

describe("oyster restart dispatch and Oyster's secrets", () => {
  it("strips the Slack tokens and provider keys from dispatch's environment and scrubs its output in --json, text and audit", async () => {
    const s = sandbox();
    const json = await s.run(["restart", "dispatch", "web", "--yes", "--json"]);
    assert.equal(json.code, 0, json.stdout + json.stderr);
    assert.equal(s.seen(), "absent absent");
    const doc = JSON.parse(json.stdout) as { steps: Array<{ stdout: string; stderr: string }> };
    assert.equal(doc.steps[0]!.stdout, "bot=[absent] key=[absent]\n");
    assert.equal(doc.steps[0]!.stderr, "connected with [REDACTED]\n");
    const text = await s.run(["restart", "dispatch", "web", "--yes"]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /connected with \[REDACTED\]/);
    assert.deepEqual(leaked(json.stdout + json.stderr + text.stdout + text.stderr), []);
    const rows = s.audit();
    assert.deepEqual(rows.map((r) => [r.command, r.outcome]), [["restart", "ok"], ["restart", "ok"]]);
    assert.deepEqual(leaked(JSON.stringify(rows)), []);
  });

  it("hands a variable named in dispatch.passEnv to dispatch, and still scrubs its value from the output", async () => {
    const s = sandbox(["SOME_PROVIDER_KEY"]);
    const json = await s.run(["restart", "dispatch", "web", "--yes", "--json"]);
    assert.equal(json.code, 0, json.stdout + json.stderr);
    assert.equal(s.seen(), `absent ${SECRETS.SOME_PROVIDER_KEY}`);
    const doc = JSON.parse(json.stdout) as { steps: Array<{ stdout: string }> };
    assert.equal(doc.steps[0]!.stdout, "bot=[absent] key=[[REDACTED]]\n");
    const text = await s.run(["restart", "dispatch", "web", "--yes"]);
    assert.match(text.stdout, /key=\[\[REDACTED\]\]/);
    assert.deepEqual(leaked(json.stdout + text.stdout + JSON.stringify(s.audit())), []);
  });
});
