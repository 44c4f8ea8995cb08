// Slack renders outside text through escapeMrkdwn: a task.log, a journal, a process's arguments
// or a command's output shown in Slack carries no escape sequence either (someone copies it into
// a terminal), while tab and newline stay. Real commands, real renderers, no Slack needed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { installDaemon } from "../../../commands/install-daemon.ts";
import { logs } from "../../../commands/logs.ts";
import { ps } from "../../../commands/ps.ts";
import { units } from "../../../commands/units.ts";
import { escapeMrkdwn } from "../../../src/render/escape.ts";
import { resultReply } from "../../../src/slack/render/messages.ts";

const HOSTILE = "osc52\x1b]52;c;ZWNobyBwd25lZA==\x07 title\x1b]2;owned\x07 clear\x1b[2J\tcol\x1b[31m";
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function assertClean(reply: unknown) {
  const strings: string[] = [];
  JSON.stringify(reply, (_k, v) => (typeof v === "string" ? (strings.push(v), v) : v));
  for (const s of strings) assert.doesNotMatch(s, CONTROLS, JSON.stringify(s));
}

describe("escapeMrkdwn", () => {
  it("takes out escape sequences and control characters, keeps tab and newline, escapes & < >", () => {
    assert.equal(escapeMrkdwn(`${HOSTILE}\n<&>`), "osc52 title clear\tcol\n&lt;&amp;&gt;");
  });

  it("leaves no control character in the Slack replies of logs, ps, units and install-daemon", () => {
    const logView = { source: "task", path: "/d/web/tasks/7/task.log", requested: 200, lines: [HOSTILE, "done"], fileBytes: 99, cut: "none", command: "oyster logs task web 7" };
    const procs = { node: "n1", total: 9, processes: [{ pid: 7, user: "agent", elapsedSeconds: 5, cpuPct: 0, memPct: 0, command: `python3 agent.py ${HOSTILE}` }] };
    const journal = { node: "n1", lines: 50, units: [], journal: { unit: "agent-daemon", lines: [HOSTILE], truncated: false, stderr: HOSTILE, code: 0 } };
    const install = {
      dryRun: false, ok: false, templates: { "agent-daemon": "a", watcher: "w" },
      nodes: [{ node: "n1", status: "failed", unitDir: "/etc/systemd/system", units: [], steps: [], error: { code: "CommandFailed", message: HOSTILE } }],
    };
    for (const [cmd, data] of [[logs, logView], [ps, procs], [units, journal], [installDaemon, install]] as const) {
      const reply = resultReply(cmd as never, data, true, "ephemeral");
      assert.ok(JSON.stringify(reply).includes("clear"), `${cmd.name} shows the text itself`);
      assertClean(reply);
    }
  });
});
