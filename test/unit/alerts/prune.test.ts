import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { alertsDirOf, bookFixture, signal } from "./book-fixture.ts";

describe("AlertBook.prune", () => {
  it("deletes only alerts resolved more than retentionDays ago, rows and files", async () => {
    const f = bookFixture({ retentionDays: 7 });
    const day = 24 * 60;
    await f.book.raise(signal({ node: "old" })); // A1: resolved 10 days before the prune
    await f.book.raise(signal({ node: "recent" })); // A2: resolved 6 days before
    await f.book.raise(signal({ node: "stuck" })); // A3: open for 10 days
    await f.book.raise(signal({ node: "acked" })); // A4: acknowledged, never resolved
    await f.book.ack("A4", "cli:x");
    await f.book.resolve("guardian", "node_availability", "old");
    f.advance(4 * day);
    await f.book.resolve("guardian", "node_availability", "recent");
    f.advance(6 * day);
    assert.deepEqual(f.book.prune(), ["A1"]);
    assert.deepEqual(f.book.list("all").map((a) => a.id), ["A4", "A3", "A2"]);
    const file = (id: string) => existsSync(join(alertsDirOf(f), `${id}.json`));
    assert.deepEqual(["A1", "A2", "A3", "A4"].map(file), [false, true, true, true]);
    assert.deepEqual(f.book.prune(), []);
  });

  it("keeps an alert resolved exactly retentionDays ago", async () => {
    const f = bookFixture({ retentionDays: 1 });
    await f.book.raise(signal());
    await f.book.resolve("guardian", "node_availability", "node-1");
    f.advance(24 * 60);
    assert.deepEqual(f.book.prune(), []);
    f.advance(1);
    assert.deepEqual(f.book.prune(), ["A1"]);
  });
});
