import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { remoteShellPath, remoteSftpPath, shellQuote } from "../../../src/ssh/quote.ts";

/** What a real /bin/sh makes of a quoted word: the same string, or the shell's expansion. */
const viaSh = (script: string) => execFileSync("/bin/sh", ["-c", script], { encoding: "utf8", env: { HOME: "/home/x", PATH: "/usr/bin:/bin" } });

describe("shell quoting", () => {
  it("passes hostile text to the shell as one literal word", () => {
    for (const text of ["a b", "it's", "$(touch /tmp/pwned)", "`id`", "a;rm -rf /", "new\nline", "\\'\"", ""]) {
      assert.equal(viaSh(`printf %s ${shellQuote(text)}`), text);
    }
  });

  it("refuses a NUL byte", () => {
    assert.throws(() => shellQuote("a\0b"));
  });

  it("expands ~ to the remote home but quotes the rest", () => {
    assert.equal(viaSh(`printf %s ${remoteShellPath("~/dis patch/$x")}`), "/home/x/dis patch/$x");
    assert.equal(viaSh(`printf %s ${remoteShellPath("/abs/it's")}`), "/abs/it's");
  });

  it("makes ~ paths relative for SFTP, whose working dir is the home", () => {
    assert.equal(remoteSftpPath("~/dispatch"), "dispatch");
    assert.equal(remoteSftpPath("/srv/dispatch"), "/srv/dispatch");
  });
});
