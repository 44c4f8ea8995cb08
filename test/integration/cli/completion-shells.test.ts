// `oyster completion zsh` and `oyster completion fish` in the real shells, against the real CLI
// (this checkout's bin on PATH as `oyster`). Skipped, saying so, where the shell is not installed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

function sandbox(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tmpDir();
  const bin = join(dir, "bin");
  const config = join(dir, "config");
  mkdirSync(bin);
  mkdirSync(config);
  writeFileSync(join(bin, "oyster"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(PROJECT_ROOT, "bin/oyster.js"))} "$@"\n`);
  chmodSync(join(bin, "oyster"), 0o755);
  writeFileSync(join(config, "nodes.json"), JSON.stringify({ nodes: ["node-1", "node-2", "other"].map((name) => ({ name, host: "127.0.0.1" })) }));
  return { dir, env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir, OYSTER_CONFIG_DIR: config, OYSTER_DATA_DIR: join(dir, "data") } };
}

async function scriptFor(shell: string, sb: { dir: string; env: NodeJS.ProcessEnv }): Promise<string> {
  const r = await runOyster(["completion", shell], sb.env, sb.dir);
  assert.equal(r.code, 0, r.stderr);
  const file = join(sb.dir, `oyster.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe("oyster completion zsh", { skip: has("zsh") ? false : "zsh is not installed (apt-get install zsh)" }, () => {
  let sb: ReturnType<typeof sandbox>;
  let file: string;
  before(async () => {
    sb = sandbox();
    file = await scriptFor("zsh", sb);
  });

  it("parses (zsh -n)", () => {
    const r = spawnSync("zsh", ["-n", file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });

  it("registers with compdef and completes commands and node names in zsh", () => {
    // compinit's compdef is stood in for; the walk over the words is the script's own, in zsh.
    const driver = `
compdef() { print -r -- "compdef $*"; }
source "$1"
run() { emulate -L ksh; COMP_WORDS=($2); [[ "$3" == space ]] && COMP_WORDS+=(""); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _oyster_complete; print -r -- "$1: \${COMPREPLY[*]}"; }
run st "oyster st"
run daemon "oyster restart daemon n"
run restart "oyster restart" space
`;
    const r = spawnSync("zsh", ["-f", "-c", driver, "driver", file], { env: sb.env, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^compdef _oyster oyster$/m);
    assert.match(r.stdout, /^st: status$/m);
    assert.match(r.stdout, /^daemon: node-1 node-2$/m);
    assert.match(r.stdout, /^restart: dispatch guardian daemon watcher service$/m);
  });
});

describe("oyster completion fish", { skip: has("fish") ? false : "fish is not installed (apt-get install fish)" }, () => {
  let sb: ReturnType<typeof sandbox>;
  let file: string;
  before(async () => {
    sb = sandbox();
    file = await scriptFor("fish", sb);
  });

  it("parses (fish -n)", () => {
    const r = spawnSync("fish", ["-n", file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });

  const completions = (line: string): string[] => {
    const r = spawnSync("fish", ["--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, file, line], { env: sb.env, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split("\n").filter((l) => l !== "").map((l) => l.split("\t")[0]!);
  };

  it("completes commands, subcommands, node names and flags in fish", () => {
    assert.deepEqual(completions("oyster st"), ["status"]);
    assert.deepEqual(completions("oyster restart daemon n").sort(), ["node-1", "node-2"]);
    assert.ok(completions("oyster restart ").includes("guardian"));
    assert.deepEqual(completions("oyster restart --par"), ["--parallel"]);
  });
});
