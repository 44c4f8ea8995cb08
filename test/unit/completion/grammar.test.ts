import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { grammarOf, POSITIONALS } from "../../../src/completion/grammar.ts";
import { shQuote } from "../../../src/completion/shell-quote.ts";

describe("completion grammar", () => {
  const grammar = grammarOf(registry);

  it("covers every command of the registry, in its order", () => {
    assert.deepEqual(grammar.map((g) => g.name), registry.map((c) => c.name));
  });

  it("names only commands that exist, and only subcommands their usage names", () => {
    for (const [name, forms] of Object.entries(POSITIONALS)) {
      const cmd = registry.find((c) => c.name === name);
      assert.ok(cmd, `${name} is a command`);
      const words = new Set(cmd.usage.split(/[\s|[\]()]+/));
      for (const sub of Object.keys(forms).filter((s) => s !== "")) assert.ok(words.has(sub), `${name} ${sub} is in its usage: ${cmd.usage}`);
    }
  });

  it("offers each command's own options, the shared flags, and --yes only where something is confirmed", () => {
    const restart = grammar.find((g) => g.name === "restart")!;
    assert.deepEqual(restart.flags.map((f) => f.flag), ["--all", "--tag", "--parallel", "--json", "--yes", "--help"]);
    assert.deepEqual(restart.flags.find((f) => f.flag === "--tag")?.value, "tags");
    assert.equal(restart.flags.find((f) => f.flag === "--parallel")?.value, "", "a value with nothing to offer");
    assert.equal(restart.flags.find((f) => f.flag === "--all")?.value, null, "a boolean flag takes no value");
    assert.ok(!grammar.find((g) => g.name === "alerts")!.flags.some((f) => f.flag === "--yes"));
    assert.equal(grammar.find((g) => g.name === "check")!.flags.find((f) => f.flag === "--node")?.value, "nodes");
  });

  it("completes help's argument with every command", () => {
    assert.deepEqual(grammar.find((g) => g.name === "help")!.args[""], [{ words: registry.map((c) => c.name) }]);
  });
});

describe("shQuote", () => {
  it("gives bash back exactly the word, whatever it holds", () => {
    const words = ["plain", "it's", "$(touch x)", "`id`", "a b", "*", "back\\slash", "new\nline", "'"];
    const r = spawnSync("bash", ["--norc", "-c", `printf '%s\\0' ${words.map(shQuote).join(" ")}`], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\0").slice(0, -1), words);
  });
});
