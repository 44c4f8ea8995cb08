import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { dispatchCommand } from "../../../src/restart/index.ts";

describe("dispatchCommand", () => {
  it("puts the shell-quoted project where {project} stands, every time it appears", () => {
    assert.equal(dispatchCommand("python3 dispatch.py start {project}", "oyster-web"), "python3 dispatch.py start 'oyster-web'");
    assert.equal(dispatchCommand("x {project} --log {project}.log", "a"), "x 'a' --log 'a'.log");
    assert.equal(dispatchCommand("./stop-all", "a"), "./stop-all");
  });

  it("passes a name with shell syntax through sh as one literal word", () => {
    // Config never lets such a name in; this is the second line of defence.
    const hostile = "x'; touch /tmp/oyster-pwned; echo '$(id) `id`";
    const line = dispatchCommand('printf "%s\\n" {project}', hostile);
    assert.equal(execFileSync("/bin/sh", ["-c", line], { encoding: "utf8" }), `${hostile}\n`);
  });
});
