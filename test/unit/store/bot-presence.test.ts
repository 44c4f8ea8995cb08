import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { BotPresence, type EventLoopInfo } from "../../../src/store/bot-presence.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("bot presence", () => {
  it("publishes the event-loop numbers at start and with each heartbeat, read back from another handle", () => {
    const dir = tmpDir();
    const bot = openStore(dir);
    const cli = openStore(dir);
    let at = new Date("2026-03-01T10:00:00Z");
    let loop: EventLoopInfo = { maxMs: 12.5, p99Ms: 3.1, since: "2026-03-01T10:00:00.000Z" };
    const presence = new BotPresence(bot.db, () => at, () => loop);
    presence.start();
    try {
      assert.deepEqual(BotPresence.current(cli.db, at), { pid: process.pid, host: BotPresence.current(cli.db, at)!.host, startedAt: "2026-03-01T10:00:00.000Z", heartbeatAt: "2026-03-01T10:00:00.000Z", eventLoop: loop });
      at = new Date("2026-03-01T10:00:30Z");
      loop = { maxMs: 312, p99Ms: 4.2, since: "2026-03-01T10:00:00.000Z" };
      presence.beat();
      const current = BotPresence.current(cli.db, at)!;
      assert.equal(current.heartbeatAt, "2026-03-01T10:00:30.000Z");
      assert.deepEqual(current.eventLoop, { maxMs: 312, p99Ms: 4.2, since: "2026-03-01T10:00:00.000Z" });
    } finally {
      presence.stop();
      bot.close();
      cli.close();
    }
  });

  it("has no event-loop numbers for a bot that publishes none", () => {
    const store = openStore(tmpDir());
    const at = new Date("2026-03-01T10:00:00Z");
    const presence = new BotPresence(store.db, () => at);
    presence.start();
    try {
      assert.equal(BotPresence.current(store.db, at)?.eventLoop, null);
    } finally {
      presence.stop();
      store.close();
    }
  });

  it("reports no bot once the heartbeat is older than three periods, or after stop", () => {
    const store = openStore(tmpDir());
    const at = new Date("2026-03-01T10:00:00Z");
    const presence = new BotPresence(store.db, () => at, () => ({ maxMs: 1, p99Ms: 1, since: at.toISOString() }));
    presence.start();
    try {
      assert.ok(BotPresence.current(store.db, new Date("2026-03-01T10:01:30Z")));
      assert.equal(BotPresence.current(store.db, new Date("2026-03-01T10:01:31Z")), undefined);
      presence.stop();
      assert.equal(BotPresence.current(store.db, at), undefined);
    } finally {
      presence.stop();
      store.close();
    }
  });
});
