// Which `oyster` invocations the CLI offers to the running bot (they reach nodes over SSH) and
// which it always runs itself (help, state.db readers, what only the terminal can hold).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { askBotFirst } from "../../../src/bot-socket/routed.ts";
import { splitArgv } from "../../../src/cli/split-argv.ts";

const asked = (line: string) => askBotFirst(splitArgv(line.split(" ").filter(Boolean)));

describe("askBotFirst", () => {
  for (const line of [
    "status",
    "status node-1 node-2 --json",
    "check",
    "check --no-fix --json",
    "check disk node-1",
    "sync",
    "sync node-1 --dry-run",
    "ps node-1",
    "units node-1",
    "restart daemon node-1",
    "restart watcher --all --yes",
    "restart service node-1 gpu-exporter",
    "install-daemon node-1",
    "install-agent-hooks --dry-run",
    "nodes add node-9 --host 10.0.0.9",
    "quota",
    "quota --json",
  ]) {
    it(`asks the bot first: oyster ${line}`, () => assert.equal(asked(line), true));
  }

  for (const line of [
    "",
    "help",
    "--version",
    "status --help",
    "alerts",
    "alerts --open --json",
    "jobs",
    "nodes",
    "nodes --json",
    "nodes remove node-1",
    "nodes drain node-1",
    "nodes undrain node-1",
    "quota history --json",
    "quota watch",
    "check --rearm",
    "check disk --rearm node-1",
    "restart guardian",
    "restart dispatch web",
    "audit --json",
    "backup",
    "backups",
    "restore snap.db",
    "logs oyster --follow",
    "logs dispatch",
    "db",
    "run guardian",
    "report",
    "ack abc",
    "snooze abc 1h",
    "silence list",
    "oci-grab status",
    "dispatch status",
    "outbox",
    "no-such-command",
  ]) {
    it(`runs in the CLI itself: oyster ${line || "(nothing)"}`, () => assert.equal(asked(line), false));
  }
});
