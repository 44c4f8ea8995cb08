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
    assert.match(rejected(["guardian", "node-1"]).message, /^arguments: restart guardian takes nothing more/);
    assert.match(rejected(["service", "node-1"]).message, /^arguments: restart service takes <node> <unit>/);
    assert.match(rejected(["daemon", "node-1", "node-2"]).message, /^arguments: restart daemon takes <node>/);
  });

  it("lists every bad word at once", () => {
    const r = parseRestartWords(["service", "a;b", "$(x)"]);
    assert.ok("problems" in r);
    assert.deepEqual(r.problems.map((p) => p.index), [1, 2]);
  });

  it("takes no flags of its own (--yes and --json are the CLI's): a leading - is refused as an option", () => {
    for (const words of [["daemon", "node-1", "--force"], ["daemon", "-oProxyCommand=x"], ["service", "node-1", "--now"]]) {
      const e = rejected(words);
      assert.equal(e.code, "UsageError");
      assert.equal(e.exitCode, 2);
    }
  });
});
