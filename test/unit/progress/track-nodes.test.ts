import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Progress } from "../../../src/progress/progress.ts";
import { trackNodes } from "../../../src/progress/track-nodes.ts";

function recorder() {
  const seen: string[] = [];
  const p: Progress = { start: (n, task) => seen.push(`start ${n} ${task}`), step: (d, a = []) => seen.push(`${d} [${a.join(",")}]`), end: () => seen.push("end") };
  return { p, seen };
}

describe("trackNodes", () => {
  it("counts settled nodes and names those under way, oldest first, a failed node counting as settled", async () => {
    const { p, seen } = recorder();
    const track = trackNodes(p, "sync", 3);
    let release!: () => void;
    const slow = track.run("node-1", () => new Promise<string>((r) => (release = () => r("ok"))));
    await assert.rejects(track.run("node-2", async () => { throw new Error("down"); }), /down/);
    assert.equal(await track.run("node-3", async () => "ok"), "ok");
    release();
    await slow;
    track.end();
    assert.deepEqual(seen, ["start 3 sync", "0 [node-1]", "0 [node-1,node-2]", "1 [node-1]", "1 [node-1,node-3]", "2 [node-1]", "3 []", "end"]);
  });

  it("shows nothing for no nodes at all (an empty fleet)", () => {
    const { p, seen } = recorder();
    trackNodes(p, "sync", 0).end();
    assert.deepEqual(seen, []);
  });
});
