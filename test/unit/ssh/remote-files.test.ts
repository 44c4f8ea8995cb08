// uploadFile's own guard: a name that would put the file or its temp outside the dir is refused
// before any connection (config validation refuses them first; this is the last line).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { uploadFile, type SshPool } from "../../../src/ssh/index.ts";

const noPool = new Proxy({}, { get: () => () => assert.fail("uploadFile touched the pool") }) as unknown as SshPool;

describe("uploadFile names", () => {
  for (const name of ["./.ssh/authorized_keys", "../x", "sub/../../x", "/etc/passwd", "sub//x", "sub/"]) {
    it(`refuses ${JSON.stringify(name)} as an invalid argument without connecting`, async () => {
      await assert.rejects(uploadFile(noPool, "node-1", "/nonexistent", "~/dispatch", name), (err: Error & { code?: string }) => {
        assert.equal(err.code, "InvalidArgument");
        assert.match(err.message, /^node-1: refusing to upload: /);
        return true;
      });
    });
  }
});
