// The socket's framing: one JSON object a line, whatever way the bytes arrive; anything that is
// not (bad JSON, a non-object, a line past the limit) is reported once so the caller hangs up.
import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { readMessages, send, socketPath } from "../../../src/bot-socket/protocol.ts";

/** A stream standing in for the socket, and what readMessages reported from it. */
function reader() {
  const stream = new PassThrough();
  const messages: unknown[] = [];
  const bad: string[] = [];
  readMessages(stream as unknown as Socket, (m) => messages.push(m), (why) => bad.push(why));
  // PassThrough emits 'data' on the next tick at the earliest.
  const settle = () => new Promise((r) => setImmediate(r));
  return { stream, messages, bad, settle };
}

describe("readMessages", () => {
  it("reads one message a line, also when lines are split across chunks or arrive several at once", async () => {
    const r = reader();
    r.stream.write('{"hello":{"v":1}}\n{"out":"a');
    await r.settle();
    assert.deepEqual(r.messages, [{ hello: { v: 1 } }]);
    r.stream.write('bc\\n"}\n{"err":"x"}\n{"exit":');
    await r.settle();
    r.stream.write("0}\n");
    await r.settle();
    assert.deepEqual(r.messages, [{ hello: { v: 1 } }, { out: "abc\n" }, { err: "x" }, { exit: 0 }]);
    assert.deepEqual(r.bad, []);
  });

  it("keeps a multi-byte character whole when its bytes are split across chunks", async () => {
    const r = reader();
    const bytes = Buffer.from('{"out":"höhe ✓"}\n');
    const cut = bytes.indexOf(Buffer.from("✓")) + 1;
    r.stream.write(bytes.subarray(0, cut));
    await r.settle();
    r.stream.write(bytes.subarray(cut));
    await r.settle();
    assert.deepEqual(r.messages, [{ out: "höhe ✓" }]);
  });

  it("skips blank lines", async () => {
    const r = reader();
    r.stream.write('\n  \n{"exit":1}\n\n');
    await r.settle();
    assert.deepEqual(r.messages, [{ exit: 1 }]);
    assert.deepEqual(r.bad, []);
  });

  it("reports a line that is not JSON, once, and reads nothing after it", async () => {
    const r = reader();
    r.stream.write('{"out":"before"}\nnot json\n{"exit":0}\n');
    await r.settle();
    r.stream.write('{"exit":1}\nnot json either\n');
    await r.settle();
    assert.deepEqual(r.messages, [{ out: "before" }]);
    assert.deepEqual(r.bad, ["not JSON"]);
  });

  it("reports JSON that is not an object (a number, a string, null)", async () => {
    for (const line of ["42", '"exit"', "null"]) {
      const r = reader();
      r.stream.write(`${line}\n`);
      await r.settle();
      assert.deepEqual(r.messages, [], line);
      assert.deepEqual(r.bad, ["not an object"], line);
    }
  });

  it("reports a line longer than 16 MiB once, without waiting for its end, and reads nothing after it", async () => {
    const r = reader();
    const chunk = "x".repeat(1024 * 1024);
    r.stream.write('{"out":"');
    for (let i = 0; i < 17; i++) r.stream.write(chunk);
    await r.settle();
    r.stream.write('"}\n{"exit":0}\n');
    for (let i = 0; i < 3; i++) r.stream.write(chunk);
    await r.settle();
    assert.deepEqual(r.messages, []);
    assert.deepEqual(r.bad, ["line too long"]);
  });

  it("reads many short lines that together are longer than the line limit, all in one chunk", async () => {
    const r = reader();
    const line = `${JSON.stringify({ out: "y".repeat(1024 * 1024 - 20) })}\n`;
    r.stream.write(line.repeat(17));
    await r.settle();
    assert.equal(r.messages.length, 17);
    assert.deepEqual(r.bad, []);
  });

  it("reports a message its handler throws on (a field of the wrong shape), instead of throwing in the reader", async () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    const bad: string[] = [];
    readMessages<{ hello?: { configDir: string } }>(stream as unknown as Socket, (m) => seen.push(m.hello!.configDir), (why) => bad.push(why));
    stream.write('{"hello":{"configDir":"/a"}}\n{"hello":null}\n{"hello":{"configDir":"/b"}}\n');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen, ["/a"]);
    assert.deepEqual(bad, ["not a message"]);
  });
});

describe("send", () => {
  it("writes one JSON line, and drops a message to a socket that is gone instead of throwing", () => {
    const written: string[] = [];
    const open = { destroyed: false, writable: true, write: (s: string) => written.push(s) } as unknown as Socket;
    send(open, { out: "a\nb" });
    assert.deepEqual(written, ['{"out":"a\\nb"}\n']);
    const gone = { destroyed: true, writable: false, write: () => assert.fail("written to a destroyed socket") } as unknown as Socket;
    send(gone, { exit: 0 });
  });
});

describe("socketPath", () => {
  it("is oyster.sock in the data dir", () => assert.equal(socketPath("/var/lib/oyster"), "/var/lib/oyster/oyster.sock"));
});
