// `oyster completion`: a script per shell from the registry alone, names for the scripts, and in
// Slack (a viewer's command) how to install it rather than a script to paste.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { runCli } from "../../../src/cli.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleSlash, type SlackDeps } from "../../../src/slack/router.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

async function cli(...args: string[]) {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
  const c = captureOutput();
  const code = await runCli(["completion", ...args], { env, out: c.out });
  return { code, stdout: c.stdout, stderr: c.stderr };
}

function slackDeps(): SlackDeps {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "nodes.json"), JSON.stringify({ nodes: [{ name: "node-1", host: "127.0.0.1" }] }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  const { log } = memoryLogger("silent");
  return { config, store: openStore(dir), ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands: registry, now: () => new Date() };
}

describe("oyster completion", () => {
  it("prints a script for each shell", async () => {
    assert.match((await cli("bash")).stdout, /^complete -F _oyster oyster$/m);
    assert.match((await cli("zsh")).stdout, /^#compdef oyster$/m);
    assert.match((await cli("fish")).stdout, /^complete -c oyster -n __oyster_no_command -a 'status'/m);
  });

  it("refuses no shell, an unknown one, or a shell and --names together (exit 2)", async () => {
    for (const args of [[], ["tcsh"], ["bash", "--names", "nodes"], ["--names", "secrets"]]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}`);
    }
  });

  it("prints names one a line, nothing else; checks without any config", async () => {
    const r = await cli("--names", "checks");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "db_schema\nwrapper_version\nssh_connection\nnode_availability\nparam_alignment\nstuck_tasks\n");
  });

  it("in Slack, a viewer gets how to install the script, and --names is refused", async () => {
    const deps = slackDeps();
    const reply = await handleSlash(deps, { text: "completion bash", userId: "UVIEW", channelId: "C1" });
    const text = JSON.stringify(reply);
    assert.match(text, /source <\(oyster completion bash\)/);
    assert.doesNotMatch(text, /complete -F/);
    const names = JSON.stringify(await handleSlash(deps, { text: "completion --names nodes", userId: "UVIEW", channelId: "C1" }));
    assert.doesNotMatch(names, /node-1/);
    assert.match(names, /--names is what the shell's completion asks the CLI/);
  });
});
