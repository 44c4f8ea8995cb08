import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { bookFixture, signal } from "./book-fixture.ts";

function isError(code: string, message: RegExp) {
  return (err: unknown) => err instanceof OysterError && err.code === code && err.exitCode === 2 && message.test(err.message);
}

describe("AlertBook ids", () => {
  it("numbers alerts A1, A2, ... across sources and checks", async () => {
    const f = bookFixture();
    const ids = [(await f.book.raise(signal())).id, (await f.book.raise(signal({ source: "backup", check: "snapshot", node: null }))).id];
    assert.deepEqual(ids, ["A1", "A2"]);
  });

  it("rejects malformed ids before any look-up", async () => {
    const f = bookFixture();
    for (const id of ["nope", "a1", "A", "A1 ", "A-1", "1"]) {
      await assert.rejects(f.book.ack(id, "cli:x"), isError("InvalidArgument", /is not an alert id \(like A12\)/));
      await assert.rejects(f.book.snooze(id, 60_000, "cli:x"), isError("InvalidArgument", /is not an alert id/));
    }
    assert.equal(f.book.get("nope"), undefined);
  });

  it("names an unknown id", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await assert.rejects(f.book.ack("A999", "cli:x"), isError("InvalidArgument", /^unknown alert "A999"$/));
    await assert.rejects(f.book.snooze("A999", 60_000, "cli:x"), isError("InvalidArgument", /^unknown alert "A999"$/));
  });

  it("refuses to ack or snooze a resolved alert, saying it is resolved", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await f.book.resolve("guardian", "node_availability", "node-1");
    await assert.rejects(f.book.ack("A1", "cli:x"), isError("InvalidArgument", /alert A1 is resolved/));
    await assert.rejects(f.book.snooze("A1", 60_000, "cli:x"), isError("InvalidArgument", /alert A1 is resolved/));
    assert.equal(f.book.get("A1")?.acknowledged, undefined);
  });

  it("refuses a snooze of zero length", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await assert.rejects(f.book.snooze("A1", 0, "cli:x"), isError("InvalidArgument", /longer than zero/));
  });
});
