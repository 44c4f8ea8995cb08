// The one-round-trip hash+mode probe: parsed from canned output, and run for real by /bin/sh
// against a local dir (the same line the node's shell runs, without SSH in the way).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseRemoteState, remoteStateCommand } from "../../../src/sync/remote-state.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const H1 = sha("one");
const H2 = sha("two");

function runLocally(command: string, home: string): string {
  const r = spawnSync("/bin/sh", ["-c", command], { env: { PATH: process.env.PATH, HOME: home }, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe("parseRemoteState", () => {
  it("reads hashes and modes per file, ignoring names it did not ask for", () => {
    const out = ["@oyster-sha256", `${H1}  a.py`, `${H2} *b.sh`, `${H1}  other`, "@oyster-mode", "644 a.py", "4755 b.sh", "600 other", ""].join("\n");
    const state = parseRemoteState(out, ["a.py", "b.sh"]);
    assert.equal(state.dirMissing, false);
    assert.deepEqual(Object.fromEntries(state.files), { "a.py": { sha256: H1, mode: 0o644 }, "b.sh": { sha256: H2, mode: 0o755 } });
  });

  it("says so when the dispatch dir is missing", () => {
    assert.deepEqual(parseRemoteState("@oyster-no-dir\n", ["a.py"]), { dirMissing: true, files: new Map() });
  });

  it("treats a file with a mode but no hash (unreadable) as missing", () => {
    const state = parseRemoteState(["@oyster-sha256", "@oyster-mode", "0 a.py", "200 a.py"].join("\n"), ["a.py"]);
    assert.equal(state.files.has("a.py"), false);
  });

  it("does not take a hash-shaped line outside the hash section for a hash", () => {
    const state = parseRemoteState([`${H1}  a.py`, "@oyster-mode", "644 a.py"].join("\n"), ["a.py"]);
    assert.equal(state.files.has("a.py"), false);
  });
});

describe("remoteStateCommand run by a real shell", () => {
  it("reports hash and mode of present files, skips missing ones, and copes with awkward names", () => {
    const home = tmpDir();
    const dir = join(home, "dispatch");
    mkdirSync(dir);
    writeFileSync(join(dir, "task-wrapper.sh"), "one");
    chmodSync(join(dir, "task-wrapper.sh"), 0o750);
    writeFileSync(join(dir, "it's here.json"), "two");
    chmodSync(join(dir, "it's here.json"), 0o640);
    const names = ["task-wrapper.sh", "it's here.json", "missing.py"];
    const state = parseRemoteState(runLocally(remoteStateCommand("~/dispatch", names), home), names);
    assert.deepEqual(Object.fromEntries(state.files), {
      "task-wrapper.sh": { sha256: H1, mode: 0o750 },
      "it's here.json": { sha256: H2, mode: 0o640 },
    });
  });

  it("reports a missing dir rather than an empty one", () => {
    const home = tmpDir();
    const state = parseRemoteState(runLocally(remoteStateCommand(join(home, "nope"), ["a"]), home), ["a"]);
    assert.equal(state.dirMissing, true);
  });
});
