import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { line, say } from "../../../src/doctor/line.ts";
import { doctorText } from "../../../src/doctor/render-text.ts";
import type { DoctorData } from "../../../src/doctor/types.ts";
import { PLAIN, resolvePaint, terminalPaint } from "../../../src/render/paint.ts";
import { makeView, plainView } from "../../../src/render/view.ts";

const data: DoctorData = {
  ok: false,
  checks: [
    line("config", "oyster.json", "ok", say("doctor.config.valid")),
    line("nodes", "node-1", "ok", say("doctor.node.ok", { ms: 9 })),
    line("nodes", "node-2", "fail", say("doctor.node.error", { error: "cannot reach 127.0.0.1:2202: ECONNREFUSED" }), say("doctor.node.unreachableFix", { node: "node-2" })),
    line("email", "SMTP_URL", "warn", say("doctor.email.off"), say("doctor.email.offFix")),
  ],
};

describe("doctor: the text", () => {
  it("groups by area, gives each line its status, and a fix under what is not ok", () => {
    assert.equal(doctorText(data, plainView("en")), [
      "Config files",
      "  ok   oyster.json: valid",
      "",
      "Nodes",
      "  ok   node-1: reached, host key known, sudo -n systemctl allowed (9 ms)",
      "  FAIL node-2: cannot reach 127.0.0.1:2202: ECONNREFUSED",
      "       fix: start the node (or its sshd), or correct its address: oyster nodes shows it; ssh node-2 must work",
      "",
      "Email",
      "  warn SMTP_URL: not set: email fallback off",
      "       fix: set SMTP_URL=smtp://user:pass@host:587 and email.to in oyster.json",
      "",
      "1 failed, 1 warned, 2 ok: fix the failures above",
    ].join("\n"));
  });

  it("reads in Chinese with zh-CN, while the data (what --json prints) stays English", () => {
    const text = doctorText(data, plainView("zh-CN"));
    assert.match(text, /^节点$/m);
    assert.match(text, /^ {2}失败 node-2: cannot reach/m);
    assert.match(text, /^ {7}修复：启动节点（或其 sshd）/m);
    assert.match(text, /1 项失败，1 项警告，2 项正常/);
    assert.equal(data.checks[2]?.fix, "start the node (or its sshd), or correct its address: oyster nodes shows it; ssh node-2 must work");
  });

  it("on a terminal, marks each line with a symbol and colours only what is wrong", () => {
    const text = resolvePaint(doctorText(data, makeView("en", terminalPaint(true), 80)), true);
    assert.match(text, /^ {2}\x1b\[32m✔\x1b\[0m ok {3}node-1: /m);
    assert.match(text, /\x1b\[1;31mFAIL/);
    assert.doesNotMatch(resolvePaint(doctorText(data, makeView("en", PLAIN, 80)), false), /\x1b/);
  });
});
