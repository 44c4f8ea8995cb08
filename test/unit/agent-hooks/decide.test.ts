// What install-agent-hooks changes in one agent dir, from what the probe read: only what differs,
// the user's status line saved once (never the hook itself), and a broken settings.json refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOOK_PY } from "../../../src/agent-hooks/claude-statusline-hook-py.ts";
import { decideDir, needsWork, savedText, sha256 } from "../../../src/agent-hooks/decide.ts";
import type { ProbedDir } from "../../../src/agent-hooks/probe-py.ts";

const PATH = "/home/dev/.claude";
const OURS = { type: "command", command: `python3 ${PATH}/oyster-statusline-hook.py` };
const MINE = { type: "command", command: "~/bin/my-line.sh", padding: 2 };

function probed(o: { settings?: unknown; text?: string | null; hook?: "same" | "old" | "none"; mode?: number; saved?: string | null; isDir?: boolean; path?: string }): ProbedDir {
  const text = o.text !== undefined ? o.text : o.settings === undefined ? null : JSON.stringify(o.settings);
  const sha = o.hook === "same" ? sha256(HOOK_PY) : o.hook === "old" ? sha256("old hook") : null;
  return {
    dir: "~/.claude", path: o.path ?? PATH, isDir: o.isDir ?? true,
    settings: { text },
    hook: { sha256: sha, mode: sha ? (o.mode ?? 0o500) : null },
    saved: { text: o.saved ?? null },
  };
}
const decide = (p: ProbedDir) => decideDir(p, ["claude:max"], HOOK_PY);

describe("decideDir", () => {
  it("on a first install: the hook, the user's line saved, statusLine set with the line's padding kept", () => {
    const d = decide(probed({ settings: { model: "opus", statusLine: MINE } }));
    assert.equal(d.hook, "new");
    assert.deepEqual(d.savePrevious, { previous: MINE });
    assert.deepEqual(d.statusLine, { before: MINE, after: { ...OURS, padding: 2 }, change: true });
    assert.equal(d.settingsSha, sha256(JSON.stringify({ model: "opus", statusLine: MINE })));
  });

  it("changes nothing when the hook, its mode and statusLine are already in place", () => {
    const d = decide(probed({ settings: { statusLine: { ...OURS, padding: 2 } }, hook: "same", saved: savedText(MINE) }));
    assert.equal(needsWork(d), false, JSON.stringify(d));
  });

  it("replaces a hook whose text or mode differs", () => {
    assert.equal(decide(probed({ settings: { statusLine: OURS }, hook: "old" })).hook, "changed");
    assert.equal(decide(probed({ settings: { statusLine: OURS }, hook: "same", mode: 0o755 })).hook, "changed");
  });

  it("never saves a status line that runs an Oyster hook (at any path) as the previous one: it would chain to itself", () => {
    const d = decide(probed({ settings: { statusLine: { type: "command", command: "python3 /old/dir/oyster-statusline-hook.py" } }, hook: "same" }));
    assert.equal(d.savePrevious, undefined);
    assert.deepEqual(d.statusLine.after, OURS);
    assert.equal(d.statusLine.change, true);
  });

  it("saves the line a user set after an install, replacing the one saved before", () => {
    const d = decide(probed({ settings: { statusLine: MINE }, hook: "same", saved: savedText({ type: "command", command: "printf old" }) }));
    assert.deepEqual(d.savePrevious, { previous: MINE });
  });

  it("does not write the saved line again when it already holds it (a run that stopped half-way)", () => {
    const d = decide(probed({ settings: { statusLine: MINE }, hook: "same", saved: savedText(MINE) }));
    assert.equal(d.savePrevious, undefined);
    assert.equal(d.statusLine.change, true);
  });

  it("saves null as the previous line when there was none, and when there was no settings.json", () => {
    assert.deepEqual(decide(probed({ settings: { model: "opus" } })).savePrevious, { previous: null });
    const d = decide(probed({}));
    assert.deepEqual([d.savePrevious, d.settingsSha, d.statusLine.after], [{ previous: null }, null, OURS]);
  });

  it("quotes a path the shell would split", () => {
    const d = decide(probed({ settings: {}, path: "/home/dev/my claude" }));
    assert.equal(d.statusLine.after.command, "python3 '/home/dev/my claude/oyster-statusline-hook.py'");
  });

  it("refuses a settings.json that is not JSON, or not an object, and a dir that is not there", () => {
    assert.match(decide(probed({ text: '{"model": "opus",' })).error!, /settings\.json is not valid JSON .*nothing changed/);
    assert.match(decide(probed({ text: "[]" })).error!, /settings\.json is not a JSON object/);
    assert.match(decide(probed({ text: "" })).error!, /not valid JSON/);
    assert.match(decide(probed({ isDir: false })).error!, /no directory \/home\/dev\/\.claude on the node/);
  });
});
