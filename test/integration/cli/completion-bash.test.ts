// `oyster completion bash`, sourced in a real bash with no bash-completion package, completes
// from the registry and asks the real CLI (this checkout's bin/oyster.js, on PATH as `oyster`)
// for names from the config and state.db.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { silentLogger } from "../../../src/log.ts";
import { openStore } from "../../../src/store/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** A PATH whose `oyster` is this checkout's bin, and a config of three nodes (two starting with n). */
async function sandbox(): Promise<Sandbox> {
  const dir = tmpDir();
  const bin = join(dir, "bin");
  const config = join(dir, "config");
  mkdirSync(bin);
  mkdirSync(config);
  writeFileSync(join(bin, "oyster"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(PROJECT_ROOT, "bin/oyster.js"))} "$@"\n`);
  chmodSync(join(bin, "oyster"), 0o755);
  const nodes = [
    { name: "node-1", host: "127.0.0.1", tags: ["gpu"], services: ["agent-daemon", "node-1-watcher"] },
    { name: "node-2", host: "127.0.0.1" },
    { name: "other", host: "127.0.0.1" },
  ];
  writeFileSync(join(config, "nodes.json"), JSON.stringify({ nodes }));
  writeFileSync(join(config, "projects.json"), JSON.stringify({ projects: [{ name: "webapp" }, { name: "worker" }] }));
  const env = { PATH: `${bin}:${process.env.PATH}`, HOME: dir, OYSTER_CONFIG_DIR: config, OYSTER_DATA_DIR: join(dir, "data") };
  return { dir, env };
}

/**
 * Sources `script` in a non-interactive bash, sets COMP_* as bash does for `line` (the cursor at
 * its end) and calls the function `complete -F` registered; returns COMPREPLY.
 */
function complete(sb: Sandbox, script: string, line: string): string[] {
  const file = join(sb.dir, "completion.bash");
  writeFileSync(file, script);
  const driver = `
source "$1" || exit 9
spec="$(complete -p oyster)" || exit 8
fn="\${spec#*-F }"; fn="\${fn%% *}"
COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
"$fn" oyster "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const r = spawnSync("bash", ["--norc", "--noprofile", "-c", driver, "driver", file, line], { env: sb.env, encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, `${line}: ${r.stderr}`);
  return r.stdout.split("\n").filter((w) => w !== "");
}

describe("oyster completion bash", () => {
  let sb: Sandbox;
  let script: string;

  before(async () => {
    sb = await sandbox();
    const r = await runOyster(["completion", "bash"], sb.env, sb.dir);
    assert.equal(r.code, 0, r.stderr);
    script = r.stdout;
    const store = openStore(sb.env.OYSTER_DATA_DIR!);
    const book = new AlertBook(store, { dataDir: sb.env.OYSTER_DATA_DIR!, notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
    await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 unreachable", attempts: 0 });
    store.close();
  });

  it("is self-contained: a complete -F function, none of the bash-completion package's helpers, no eval or compgen -W of names", () => {
    assert.match(script, /^complete -F _oyster oyster$/m);
    for (const helper of ["_init_completion", "_get_comp_words_by_ref", "__ltrim_colon_completions", "_filedir"]) assert.ok(!script.includes(helper), helper);
    assert.doesNotMatch(script, /\beval\b|compgen -W/);
  });

  it("completes `oyster st` to status", () => {
    assert.deepEqual(complete(sb, script, "oyster st"), ["status"]);
  });

  it("completes `oyster restart daemon n` to the node names starting with n, from the config", () => {
    assert.deepEqual(complete(sb, script, "oyster restart daemon n"), ["node-1", "node-2"]);
    assert.deepEqual(complete(sb, script, "oyster restart daemon node-1 "), ["node-1", "node-2", "other"], "daemon takes several nodes");
  });

  it("completes subcommands, then what each form takes", () => {
    assert.deepEqual(complete(sb, script, "oyster restart "), ["dispatch", "guardian", "daemon", "watcher", "service"]);
    assert.deepEqual(complete(sb, script, "oyster restart dispatch w"), ["webapp", "worker"]);
    assert.deepEqual(complete(sb, script, "oyster restart service node-1 "), ["node-1", "node-2", "other", "agent-daemon", "node-1-watcher"]);
    assert.deepEqual(complete(sb, script, "oyster restart guardian "), []);
  });

  it("completes flags from the registry's options, and a flag's value by what it names", () => {
    assert.deepEqual(complete(sb, script, "oyster restart --p"), ["--parallel"]);
    assert.deepEqual(complete(sb, script, "oyster restart --tag "), ["gpu"]);
    assert.deepEqual(complete(sb, script, "oyster check --node o"), ["other"]);
    assert.deepEqual(complete(sb, script, "oyster check --node node-1 wr"), ["wrapper_version"], "the flag's value is not counted as a positional word");
  });

  it("completes job names and open alert ids from state.db", () => {
    assert.deepEqual(complete(sb, script, "oyster run gu"), ["guardian"]);
    assert.deepEqual(complete(sb, script, "oyster ack "), ["A1"]);
  });

  it("takes names as data: a name that looks like shell code is offered as it is, never run", () => {
    // A stand-in `oyster` that answers --names with hostile words: the script must not expand them.
    const evil = join(sb.dir, "evil");
    mkdirSync(evil);
    const marker = join(sb.dir, "ran");
    writeFileSync(join(evil, "oyster"), `#!/bin/sh\nprintf '%s\\n' 'n$(touch ${marker})' 'n\`touch ${marker}\`' 'n two words' 'n*'\n`);
    chmodSync(join(evil, "oyster"), 0o755);
    const hostile = { ...sb, env: { ...sb.env, PATH: `${evil}:${process.env.PATH}` } };
    // COMPREPLY holds each name whole; its words are printed one a line.
    assert.deepEqual(complete(hostile, script, "oyster status n"), [`n$(touch ${marker})`, `n\`touch ${marker}\``, "n two words", "n*"]);
    assert.equal(existsSync(marker), false, "a name was run as a command");
  });

  it("--names reads the config without creating the data dir, and says nothing when the config is broken", async () => {
    const fresh = await sandbox();
    const r = await runOyster(["completion", "--names", "nodes"], fresh.env, fresh.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "node-1\nnode-2\nother\n");
    assert.equal(existsSync(fresh.env.OYSTER_DATA_DIR!), false, "the data dir was created");
    writeFileSync(join(fresh.env.OYSTER_CONFIG_DIR!, "oyster.json"), "{ not json");
    const broken = await runOyster(["completion", "--names", "nodes"], fresh.env, fresh.dir);
    assert.equal(broken.code, 0, broken.stderr);
    assert.equal(broken.stdout.trim(), "", "no names, and no error in the middle of a command line");
    assert.equal(broken.stderr, "");
  });
});
