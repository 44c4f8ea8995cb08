// The actions an alert offers (buttons in Slack) travel with it: stored in state.db, read back and
// replaced by the next raise; its alert file keeps exactly the contract's fields.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { silentLogger } from "../../../src/log.ts";
import { openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("alert actions", () => {
  it("keeps the raiser's actions, replaces them on the next raise, and leaves them out of the contract's alert file", async () => {
    const dataDir = tmpDir();
    const at = new Date("2026-12-07T10:00:00Z");
    const store = openStore(dataDir, () => at);
    const book = new AlertBook(store, { dataDir, notifier: { notify: async () => {} }, now: () => at, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
    const restart = { label: "Restart agent-daemon", argv: ["restart", "daemon", "node-2"] };
    const journal = { label: "Show journal", argv: ["units", "node-2", "agent-daemon"], private: true };
    const first = await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "agent-daemon failed", attempts: 1, actions: [restart, journal] });
    assert.deepEqual(first.actions, [restart, journal]);
    const file = JSON.parse(readFileSync(join(dataDir, "guardian_alerts", `${first.id}.json`), "utf8")) as { actions?: unknown };
    assert.equal(file.actions, undefined);
    const second = await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "still failed", attempts: 2, actions: [journal] });
    assert.equal(second.id, first.id);
    assert.deepEqual(second.actions, [journal]);
    const third = await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "still failed", attempts: 2 });
    assert.equal(third.actions, undefined, "no actions given: none offered");
    store.close();
  });
});
