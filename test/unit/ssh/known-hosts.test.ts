import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hostToken, judgeHostKey, KnownHostsFile, keyTypeOf, knownHostsLine, matchesHost, parseKnownHosts } from "../../../src/ssh/known-hosts.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
}
const keyA = blob("ssh-ed25519", "key-a");
const keyB = blob("ssh-ed25519", "key-b");

function hashed(token: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(token).digest("base64")}`;
}

describe("known_hosts", () => {
  it("looks hosts up as host on port 22 and [host]:port elsewhere", () => {
    assert.equal(hostToken("10.0.0.5", 22), "10.0.0.5");
    assert.equal(hostToken("127.0.0.1", 2222), "[127.0.0.1]:2222");
  });

  it("matches comma lists, wildcards and lets a negation win", () => {
    assert.ok(matchesHost("alpha,[127.0.0.1]:2222", "[127.0.0.1]:2222"));
    assert.ok(matchesHost("*.example.com", "node.example.com"));
    assert.ok(!matchesHost("*.example.com,!bad.example.com", "bad.example.com"));
    assert.ok(!matchesHost("[127.0.0.1]:2222", "[127.0.0.1]:2223"));
  });

  it("honours hashed entries and does not match them to other hosts", () => {
    const pattern = hashed("[127.0.0.1]:4022");
    assert.ok(matchesHost(pattern, "[127.0.0.1]:4022"));
    assert.ok(!matchesHost(pattern, "[127.0.0.1]:4023"));
  });

  it("accepts the key on record, reports an unknown host, and a changed key as a mismatch", () => {
    const entries = parseKnownHosts(`# comment\n${hashed("[h]:1")} ssh-ed25519 ${keyA.toString("base64")}\n`);
    assert.deepEqual(judgeHostKey(entries, "[h]:1", keyA), { kind: "known" });
    assert.deepEqual(judgeHostKey(entries, "[h]:1", keyB), { kind: "mismatch", knownTypes: ["ssh-ed25519"] });
    assert.deepEqual(judgeHostKey(entries, "[other]:1", keyA), { kind: "unknown" });
  });

  it("refuses a revoked key even when it is also listed as known", () => {
    const b64 = keyA.toString("base64");
    const entries = parseKnownHosts(`h ssh-ed25519 ${b64}\n@revoked * ssh-ed25519 ${b64}\n`);
    assert.deepEqual(judgeHostKey(entries, "h", keyA), { kind: "revoked" });
  });

  it("reads the key type from the key blob", () => {
    assert.equal(keyTypeOf(keyA), "ssh-ed25519");
  });

  it("appends a new key on its own line even when the file lacks a final newline", () => {
    const path = join(tmpDir(), "known_hosts");
    writeFileSync(path, `a ssh-ed25519 ${keyA.toString("base64")}`);
    const file = new KnownHostsFile(path);
    file.append("[b]:2200", keyB);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    assert.equal(lines.length, 2);
    assert.equal(lines[1], `[b]:2200 ssh-ed25519 ${keyB.toString("base64")}`);
    assert.deepEqual(judgeHostKey(file.entries(), "[b]:2200", keyB), { kind: "known" });
  });

  it("never writes a line whose key type (sent by the server) could start another entry", () => {
    assert.equal(knownHostsLine("[b]:2200", keyB), `[b]:2200 ssh-ed25519 ${keyB.toString("base64")}`);
    const path = join(tmpDir(), "known_hosts");
    writeFileSync(path, "");
    for (const type of ["ssh-ed25519\n* ssh-ed25519", "ssh-ed25519 x", ""]) {
      assert.throws(() => new KnownHostsFile(path).append("[b]:2200", blob(type, "k")), /odd key type/);
    }
    assert.equal(readFileSync(path, "utf8"), "");
  });
});
