import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restart } from "../../../commands/restart.ts";
import { parseWords, validateArgs } from "../../../src/command/parse-args.ts";
import { OysterError } from "../../../src/errors.ts";
import { parseRestartWords } from "../../../src/restart/index.ts";

function args(words: string[]) {
  return validateArgs(restart, parseWords(restart, words));
}

function rejected(words: string[]): OysterError {
  try {
    args(words);
  } catch (err) {
    assert.ok(err instanceof OysterError);
    return err;
  }
  assert.fail(`accepted ${JSON.stringify(words)}`);
}

describe("restart arguments", () => {
  it("shapes each kind", () => {
    assert.deepEqual(args(["dispatch", "oyster-web"]), { kind: "dispatch", project: "oyster-web" });
    assert.deepEqual(args(["daemon", "node-1"]), { kind: "daemon", node: "node-1" });
    assert.deepEqual(args(["watcher", "node-1"]), { kind: "watcher", node: "node-1" });
    assert.deepEqual(args(["service", "node-1", "agent-daemon.service"]), { kind: "service", node: "node-1", unit: "agent-daemon.service" });
  });

  for (const [words, word] of [
    [["daemon", "node-1; touch /tmp/x"], "node-1; touch /tmp/x"],
    [["daemon", "$(reboot)"], "$(reboot)"],
    [["watcher", "`reboot`"], "`reboot`"],
    [["daemon", "node 1"], "node 1"],
    [["daemon", "--", "-oProxyCommand=x"], "-oProxyCommand=x"],
    [["service", "node-1", "$(touch /tmp/pwned)"], "$(touch /tmp/pwned)"],
    [["service", "node-1", "`id`"], "`id`"],
    [["service", "node-1", "--", "--force"], "--force"],
    [["service", "node-1", "a'b"], "a'b"],
    [["dispatch", "web;rm -rf ~"], "web;rm -rf ~"],
  ] as const) {
    it(`rejects ${JSON.stringify(word)} with exit 2, naming the word`, () => {
      const e = rejected([...words]);
      assert.equal(e.code, "InvalidArgument");
      assert.equal(e.exitCode, 2);
      assert.ok(e.message.startsWith(`"${word}": not a valid`), e.message);
      assert.match(e.message, /usage: oyster restart dispatch <project>/);
    });
  }

  it("rejects a missing kind, an unknown kind and a wrong number of words", () => {
    assert.match(rejected([]).message, /^arguments: say what to restart: dispatch, daemon, watcher, service/);
    assert.match(rejected(["reboot"]).message, /^"reboot": not something restart knows; one of dispatch, daemon, watcher, service, guardian/);
    assert.match(rejected(["guardian", "node-1"]).message, /^arguments \("guardian" "node-1"\): restart guardian takes nothing more/);
    assert.match(rejected(["service", "node-1"]).message, /^arguments \("service" "node-1"\): restart service takes <node> <unit>/);
    // Several nodes are a roll now (below); naming none is what is refused.
    assert.match(rejected(["daemon"]).message, /^arguments \("daemon"\): restart daemon takes <node>/);
    assert.match(rejected(["service", "--all"]).message, /^arguments \("service"\): restart service takes <node> <unit>/);
  });

  it("lists every bad word at once", () => {
    const r = parseRestartWords(["service", "a;b", "$(x)"]);
    assert.ok("problems" in r);
    assert.deepEqual(r.problems.map((p) => p.index), [1, 2]);
  });

  it("takes no flags but --all, --tag and --parallel (--yes and --json are the CLI's): another leading - is refused as an option", () => {
    for (const words of [["daemon", "node-1", "--force"], ["daemon", "-oProxyCommand=x"], ["service", "node-1", "--now"]]) {
      const e = rejected(words);
      assert.equal(e.code, "UsageError");
      assert.equal(e.exitCode, 2);
    }
  });

  it("shapes several nodes, --all and --tag as a roll, the unit last for service, one at a time unless --parallel", () => {
    assert.deepEqual(args(["daemon", "node-2", "node-1"]), { kind: "daemon", nodes: ["node-2", "node-1"], parallel: 1 });
    assert.deepEqual(args(["watcher", "--all", "--parallel", "2"]), { kind: "watcher", nodes: [], all: true, parallel: 2 });
    assert.deepEqual(args(["daemon", "--tag", "gpu"]), { kind: "daemon", nodes: [], tag: "gpu", parallel: 1 });
    assert.deepEqual(args(["service", "node-1", "node-2", "gpu-exporter"]), { kind: "service", nodes: ["node-1", "node-2"], unit: "gpu-exporter", parallel: 1 });
    assert.deepEqual(args(["service", "--tag", "gpu", "gpu-exporter"]), { kind: "service", nodes: [], tag: "gpu", unit: "gpu-exporter", parallel: 1 });
    // A node named twice is restarted once.
    assert.deepEqual(args(["daemon", "node-1", "node-2", "node-1"]), { kind: "daemon", nodes: ["node-1", "node-2"], parallel: 1 });
  });

  it("keeps one named node in today's shape (what alert buttons send and the audit shows)", () => {
    assert.deepEqual(args(["daemon", "node-1", "--parallel", "1"]), { kind: "daemon", node: "node-1" });
    assert.deepEqual(args(["daemon", "node-1", "node-1"]), { kind: "daemon", node: "node-1" });
    assert.deepEqual(args(["service", "node-1", "gpu-exporter"]), { kind: "service", node: "node-1", unit: "gpu-exporter" });
  });

  it("refuses names with --all or --tag, both flags, a bad --parallel, and node flags on dispatch or guardian (exit 2)", () => {
    // The words typed are quoted after "arguments" (src/command/parse-args.ts).
    const only = /^arguments( \([^)]*\))?: name the nodes, or --all, or --tag <tag>: only one of them/;
    assert.match(rejected(["daemon", "node-1", "--all"]).message, only);
    assert.match(rejected(["daemon", "--all", "--tag", "gpu"]).message, only);
    assert.match(rejected(["service", "node-1", "--tag", "gpu", "agent-daemon"]).message, only);
    for (const n of ["0", "-1", "two", "1.5", ""]) {
      const e = rejected(["daemon", "--all", `--parallel=${n}`]);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /^--parallel: how many nodes restart at once: a whole number, 1 or more/, n);
    }
    assert.match(rejected(["daemon", "node-1", "node-2", "--parallel", "3"]).message, /^--parallel: 3 at once is more than the 2 nodes named/);
    assert.match(rejected(["daemon", "node-1", "--parallel", "2"]).message, /^--parallel: 2 at once is more than the 1 node named/);
    assert.match(rejected(["guardian", "--all"]).message, /^--all: only for restart daemon, watcher and service, not guardian/);
    assert.match(rejected(["dispatch", "oyster-web", "--parallel", "2"]).message, /^--parallel: only for restart daemon, watcher and service, not dispatch/);
    assert.match(rejected(["daemon", "--tag", " "]).message, /^--tag: a tag from nodes\.json/);
  });

  it("names every bad node word of a roll, and a bad unit, by position", () => {
    const r = parseRestartWords(["service", "node-1", "a;b", "$(x)", "`id`"]);
    assert.ok("problems" in r);
    assert.deepEqual(r.problems.map((p) => p.index), [2, 3, 4]);
  });
});
