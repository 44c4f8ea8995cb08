import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dispatch } from "../../../commands/dispatch.ts";
import { ps } from "../../../commands/ps.ts";
import { plainView } from "../../../src/render/view.ts";

describe("ps and dispatch in Slack", () => {
  it("ps shows the rows that fit one section and says how many were cut and which CLI command shows all", () => {
    const processes = Array.from({ length: 80 }, (_, i) => ({ pid: 1000 + i, user: "glm", elapsedSeconds: 60, cpuPct: 0.1, memPct: 0.2, command: `python3 /home/glm/dispatch/task-watcher.py --task ${"t".repeat(60)}${i}` }));
    const blocks = ps.blocks!({ node: "node-1", processes, total: 300 }, plainView()) as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    const code = blocks.find((b) => b.text?.text.startsWith("```"))!.text!.text;
    assert.ok(code.length <= 3000, `${code.length} characters`);
    assert.match(code, /t{60}79/, "the last row is there");
    const note = blocks.find((b) => b.type === "context")!.elements![0]!.text;
    assert.match(note, /^\d+ earlier lines not shown here: `oyster ps node-1`/);
  });

  it("dispatch output that fits is shown whole, with no note", () => {
    const step = { where: "controller", command: "python3 dispatch.py status", code: 0, stdout: "a: running\nb: stopped\n", stderr: "", durationMs: 12 };
    const blocks = dispatch.blocks!({ action: "status", project: null, dir: "/d", step, ok: true }, plainView()) as Array<{ type: string; text?: { text: string } }>;
    assert.ok(!blocks.some((b) => b.type === "context"));
    assert.match(blocks[0]!.text!.text, /dispatch status in \/d: ok/);
    assert.match(blocks[1]!.text!.text, /a: running\n {4}b: stopped/);
  });
});
