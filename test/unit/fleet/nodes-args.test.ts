// `nodes` argument forms: the bare listing, add with only the fields given, remove / drain /
// undrain of one valid name; every misuse is a usage error (exit 2) naming the argument.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nodes } from "../../../commands/nodes.ts";
import { parseWords, validateArgs } from "../../../src/command/parse-args.ts";
import { requiredRole } from "../../../src/command/roles.ts";
import { changesState, needsConfirmation } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

const parse = (...words: string[]) => validateArgs(nodes, parseWords(nodes, words));
const FP = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

function refusal(...words: string[]): OysterError {
  try {
    parse(...words);
  } catch (err) {
    assert.ok(err instanceof OysterError);
    return err;
  }
  assert.fail(`accepted: nodes ${words.join(" ")}`);
}

describe("nodes arguments", () => {
  it("reads the bare command as the listing: a viewer's, changing nothing", () => {
    const a = parse();
    assert.deepEqual(a, { action: "list" });
    assert.equal(requiredRole(nodes, a), "viewer");
    assert.equal(changesState(nodes, a), false);
  });

  it("reads add with only the fields given, tags split and deduplicated", () => {
    assert.deepEqual(parse("add", "node-9"), { action: "add", name: "node-9" });
    assert.deepEqual(
      parse("add", "node-9", "--host", "10.0.0.9", "--port", "2222", "--user", "ubuntu", "--dispatch-dir", "/srv/dispatch", "--tags", "arm, glm,arm", "--fingerprint", FP),
      { action: "add", name: "node-9", host: "10.0.0.9", port: 2222, user: "ubuntu", dispatchDir: "/srv/dispatch", tags: ["arm", "glm"], fingerprint: FP },
    );
  });

  it("makes add, remove, drain and undrain an operator's, each planned and confirmed", () => {
    for (const words of [["add", "n"], ["remove", "n"], ["drain", "n", "--reason", "kernel upgrade"], ["undrain", "n"]]) {
      const a = parse(...words);
      assert.equal(requiredRole(nodes, a), "operator", words.join(" "));
      assert.equal(needsConfirmation(nodes, a), true, words.join(" "));
    }
    assert.deepEqual(parse("drain", "n", "--reason", "kernel upgrade"), { action: "drain", name: "n", reason: "kernel upgrade" });
  });

  it("refuses an invalid node name, a missing or second name, and an unknown subcommand (exit 2)", () => {
    for (const words of [["add", "bad name!"], ["add", "-x"], ["remove"], ["drain", "a", "b"], ["rename", "a"]]) {
      const e = refusal(...words);
      assert.equal(e.exitCode, 2, words.join(" "));
    }
    assert.match(refusal("add", ".hidden").message, /"\.hidden": not a valid node name/);
  });

  it("refuses flags that belong to another form, and malformed values, naming the flag", () => {
    assert.match(refusal("remove", "n", "--host", "h").message, /--host: goes with `nodes add`/);
    assert.match(refusal("add", "n", "--reason", "x").message, /--reason: goes with `nodes drain`/);
    assert.match(refusal("--tags", "a").message, /--tags: goes with a subcommand/);
    assert.match(refusal("add", "n", "--port", "70000").message, /--port: a port number/);
    assert.match(refusal("add", "n", "--host=-oProxyCommand=x").message, /--host: a host name or IP address/);
    assert.match(refusal("add", "n", "--fingerprint", "MD5:aa:bb").message, /--fingerprint: a host key fingerprint like SHA256:/);
    assert.match(refusal("add", "n", "--dispatch-dir", "$(id)").message, /--dispatch-dir: a path/);
    assert.match(refusal("add", "n", "--tags", "ok,b ad").message, /--tags: comma-separated tags/);
  });
});
