// untrustedReason over real directories, modes and owners (chown needs root: those cases are
// skipped as a plain user), and groupIsOnlyUser over given passwd/group texts.
import assert from "node:assert/strict";
import { chmodSync, chownSync, mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { groupIsOnlyUser } from "../../../src/files/private-group.ts";
import { untrustedReason } from "../../../src/files/trusted-dir.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function dir(mode: number): string {
  const d = join(tmpDir(), "d");
  mkdirSync(d);
  chmodSync(d, mode);
  return d;
}

describe("untrustedReason", () => {
  it("accepts a 0700 and a 0755 dir of your own, inside a 1777 parent (only the dir itself counts)", () => {
    const sticky = dir(0o1777);
    const mine = join(sticky, "mine");
    mkdirSync(mine, { mode: 0o700 });
    assert.equal(untrustedReason(mine), null);
    assert.equal(untrustedReason(dir(0o755)), null);
  });

  it("says nothing of a path that does not exist (the caller creates it or treats it as absent)", () => {
    assert.equal(untrustedReason(join(tmpDir(), "none")), null);
  });

  it("refuses a symlink to a dir writable by others, naming the link, the real path and the mode", () => {
    const shared = dir(0o777);
    const link = join(tmpDir(), "data");
    symlinkSync(shared, link);
    const why = untrustedReason(link);
    assert.ok(why !== null);
    assert.ok(why.startsWith(`${link} (really ${realpathSync(shared)}) is writable by others (mode 0777)`), why);
    assert.match(why, /chmod go-w/);
  });

  it("refuses a dir writable by a group that others share", { skip: !asRoot && "chgrp to a shared group needs root" }, () => {
    const d = dir(0o770);
    chownSync(d, 0, NOBODY); // nogroup: nobody's primary group, not root's alone
    assert.match(untrustedReason(d) ?? "", /is writable by its group, gid 65534, which is not yours alone \(mode 0770\)/);
  });

  it("refuses a dir owned by another user, naming the owner; root's is allowed only where asked", { skip: !asRoot && "chown needs root" }, () => {
    const d = dir(0o700);
    chownSync(d, NOBODY, NOBODY);
    assert.match(untrustedReason(d) ?? "", /is owned by uid 65534 \(nobody\), not by you \(uid 0 \(root\)\)/);
    const rootOwned = dir(0o755);
    assert.match(untrustedReason(rootOwned, {}, NOBODY) ?? "", /is owned by uid 0 \(root\), not by you/);
    assert.equal(untrustedReason(rootOwned, { rootMayOwn: true }, NOBODY), null);
  });
});

describe("groupIsOnlyUser", () => {
  const passwd = "root:x:0:0::/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\nbob:x:1001:100::/home/bob:/bin/sh\ncy:x:1002:100::/home/cy:/bin/sh\n";
  const group = "root:x:0:\nann:x:1000:\nusers:x:100:\nann2:x:1003:ann\nshared:x:1004:ann,bob\n";
  const files = { passwd, group };

  it("is true for a user's private group (umask 002 systems: a fresh clone is 0775)", () => {
    assert.equal(groupIsOnlyUser(1000, 1000, files), true);
    assert.equal(groupIsOnlyUser(1003, 1000, files), true, "listed member is the user alone");
  });

  it("is false for a group with another member, an unknown group, or no passwd/group to read", () => {
    assert.equal(groupIsOnlyUser(100, 1001, files), false, "users: bob's and cy's primary group");
    assert.equal(groupIsOnlyUser(1004, 1000, files), false, "bob is listed too");
    assert.equal(groupIsOnlyUser(1000, 1001, files), false, "ann's group is not bob's");
    assert.equal(groupIsOnlyUser(4242, 1000, files), false);
    assert.equal(groupIsOnlyUser(1000, 1000, null), false);
  });
});
