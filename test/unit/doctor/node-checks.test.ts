import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeProbe, judgeSshError } from "../../../src/doctor/node-checks.ts";
import { OysterError } from "../../../src/errors.ts";

const opts = { knownHostsFile: "/home/ops/.ssh/known_hosts" };
const presented = { token: "[127.0.0.1]:2222", keyType: "ssh-ed25519", fingerprint: "SHA256:abcDEF", line: "[127.0.0.1]:2222 ssh-ed25519 AAAAC3Nz" };

describe("doctor: a node's probe", () => {
  it("is ok when sudo -n ran systemctl", () => {
    const l = judgeProbe("node-1", "ops", { code: 0, stderr: "" }, 12);
    assert.equal(l.status, "ok");
    assert.equal(l.detail, "reached, host key known, sudo -n systemctl allowed (12 ms)");
    assert.equal(l.fix, undefined);
  });

  it("fails when sudo wants a password, naming the sudoers line for the node's user", () => {
    const l = judgeProbe("node-1", "ops", { code: 1, stderr: "sudo: a password is required\n" }, 12);
    assert.equal(l.status, "fail");
    assert.match(l.detail, /sudo -n systemctl refused: sudo: a password is required/);
    assert.match(l.fix ?? "", /^allow it without a password \(visudo\): ops ALL=\(root\) NOPASSWD: \/usr\/bin\/systemctl/);
  });

  it("fails when sudoers does not cover systemctl", () => {
    const l = judgeProbe("node-1", "ops", { code: 1, stderr: "Sorry, user ops is not allowed to execute '/usr/bin/systemctl --version' as root on node-1.\n" }, 5);
    assert.equal(l.status, "fail");
    assert.match(l.fix ?? "", /NOPASSWD/);
  });

  it("fails when the node has no sudo, and when it has no systemctl", () => {
    assert.match(judgeProbe("n", "ops", { code: 127, stderr: "sh: 1: sudo: not found\n" }, 5).detail, /^sudo is not installed/);
    const noSystemctl = judgeProbe("n", "ops", { code: 1, stderr: "sudo: systemctl: command not found\n" }, 5);
    assert.equal(noSystemctl.status, "fail");
    assert.match(noSystemctl.detail, /^no systemctl on the node/);
  });

  it("is ok when sudo let systemctl run and systemctl itself said something else", () => {
    const l = judgeProbe("n", "ops", { code: 1, stderr: "systemctl: unknown option\n" }, 7);
    assert.equal(l.status, "ok");
    assert.match(l.detail, /exit 1/);
  });
});

describe("doctor: a node that could not be reached", () => {
  it("an unknown host key fails with its fingerprint and the command that appends exactly that key", () => {
    const e = new OysterError("HostKeyUnknown", "node-1: host key ... not accepted", { node: "node-1", presented });
    const l = judgeSshError("node-1", "ops", e, opts);
    assert.equal(l.status, "fail");
    assert.equal(l.detail, "host key SHA256:abcDEF is not in /home/ops/.ssh/known_hosts");
    assert.match(l.fix ?? "", /^if SHA256:abcDEF is the host's own .*run: printf '%s\\n' '\[127\.0\.0\.1\]:2222 ssh-ed25519 AAAAC3Nz' >> '\/home\/ops\/\.ssh\/known_hosts'$/);
  });

  it("a changed host key fails loudly; the fix removes the old entry before adding the new", () => {
    const e = new OysterError("HostKeyMismatch", "node-1: HOST KEY CHANGED", { node: "node-1", presented });
    const l = judgeSshError("node-1", "ops", e, opts);
    assert.match(l.detail, /^HOST KEY CHANGED: SHA256:abcDEF does not match/);
    assert.match(l.fix ?? "", /^only if the node was rebuilt .*ssh-keygen -R '\[127\.0\.0\.1\]:2222' -f '\/home\/ops\/\.ssh\/known_hosts' && printf/);
  });

  it("an unreachable node says why without repeating its name, and how to fix it", () => {
    const e = new OysterError("SshUnreachable", "node-2: cannot reach 127.0.0.1:2222: ECONNREFUSED", { node: "node-2" });
    const l = judgeSshError("node-2", "ops", e, opts);
    assert.equal(l.detail, "cannot reach 127.0.0.1:2222: ECONNREFUSED");
    assert.match(l.fix ?? "", /^start the node \(or its sshd\).*ssh node-2 must work$/);
  });

  it("a refused login and a missing key get different fixes", () => {
    const refused = judgeSshError("n", "ops", new OysterError("SshAuthFailed", "n: authentication as ops failed", { node: "n", user: "ops" }), opts);
    assert.match(refused.fix ?? "", /~ops\/\.ssh\/authorized_keys/);
    const noKey = judgeSshError("n", "ops", new OysterError("SshAuthFailed", "n: no usable SSH key", { node: "n" }), opts);
    assert.match(noKey.fix ?? "", /ssh-keygen -t ed25519/);
  });
});
