// An SFTP upload that ran out of disk says so, read from the node's df, instead of a bare "Failure".
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diskFullError, isBareSftpFailure, parseRoom } from "../../../src/ssh/disk-full.ts";
import { OysterError } from "../../../src/errors.ts";

const GNU = (availableKb: number, ifree: number) => [
  "Filesystem     1024-blocks  Used Available Capacity Mounted on",
  `tmpfs                  256   ${256 - availableKb} ${availableKb}      97% /srv/dispatch`,
  "@@oyster-inodes@@",
  "Filesystem     Inodes IUsed IFree IUse% Mounted on",
  `tmpfs            1000   ${1000 - ifree}  ${ifree}    1% /srv/dispatch`,
  "",
].join("\n");

const bare = () => new OysterError("CommandFailed", "node-2: upload dispatch.py: Failure", {}, { cause: Object.assign(new Error("Failure"), { code: 4 }) });
const pool = (stdout: string) => ({ exec: async () => ({ code: 0, stdout, stderr: "", truncated: false }) }) as never;

describe("disk full on a node", () => {
  it("reads the room left from df -Pk and df -Pi", () => {
    assert.deepEqual(parseRoom(GNU(8, 990)), { mount: "/srv/dispatch", availableBytes: 8 * 1024, sizeBytes: 256 * 1024, freeInodes: 990 });
    assert.equal(parseRoom("df: cannot read\n"), undefined);
  });

  it("knows SFTP's bare Failure status from other errors", () => {
    assert.equal(isBareSftpFailure(bare()), true);
    assert.equal(isBareSftpFailure(new OysterError("CommandFailed", "x", {}, { cause: Object.assign(new Error("Permission denied"), { code: 3 }) })), false);
  });

  it("says no space left, with what is free and what the file needs, when the file does not fit", async () => {
    const e = await diskFullError(pool(GNU(8, 990)), "node-2", "~/dispatch", "upload dispatch.py", 65 * 1024, bare());
    assert.equal(e?.code, "DiskFull");
    assert.equal(e?.message, "node-2: upload dispatch.py: no space left on the node's disk: 8 of 256 KiB free on /srv/dispatch, the file needs 65 KiB; free some space there and try again");
  });

  it("says no free inodes when the filesystem has none left", async () => {
    const e = await diskFullError(pool(GNU(200, 0)), "node-2", "~/dispatch", "upload dispatch.py", 1024, bare());
    assert.match(e?.message ?? "", /no free inodes left on the node's filesystem \/srv\/dispatch/);
  });

  it("keeps the original error when the file would fit or df cannot tell", async () => {
    assert.equal(await diskFullError(pool(GNU(200, 990)), "node-2", "~/dispatch", "upload x", 1024, bare()), undefined);
    assert.equal(await diskFullError(pool("sh: df: not found\n"), "node-2", "~/dispatch", "upload x", 1024, bare()), undefined);
    const failing = { exec: async () => { throw new Error("gone"); } } as never;
    assert.equal(await diskFullError(failing, "node-2", "~/dispatch", "upload x", 1024, bare()), undefined);
  });
});
