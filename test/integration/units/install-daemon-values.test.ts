// Values systemd would read as syntax never reach a unit. From the config (systemd.vars, a node's
// user): exit 2 naming the var or placeholder, before any connection, proven by a real TCP
// listener standing in as the node that counts every dial (and never answers, so a dial would
// also show as a hang). From the node (its home, read over SSH): that node fails, nothing uploaded.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { inProcessCli } from "../../helpers/in-process-cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { makeInstallFleet, type InstallFleet } from "./install-fixture.ts";

describe("install-daemon refuses unit values from the config before any connection", () => {
  let server: Server;
  let dials = 0;
  const sockets: Socket[] = [];
  before(async () => {
    server = createServer((s) => {
      dials += 1;
      sockets.push(s);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });

  function fleet(vars: Record<string, string>, user = "agent") {
    const root = tmpDir();
    const configDir = join(root, "config");
    mkdirSync(join(configDir, "systemd"), { recursive: true });
    const port = (server.address() as AddressInfo).port;
    writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: [{ name: "n1", host: "127.0.0.1", port, user }] }));
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ ssh: { connectTimeoutMs: 1000 }, systemd: { vars } }));
    // A var ahead of `User=`: a trailing backslash would join the two lines, and the unit run as root.
    writeFileSync(join(configDir, "systemd", "agent-daemon.service"), "[Service]\nExecStart={python} -m agent\nUser={user}\n");
    return inProcessCli({ HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") });
  }

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["ends in a backslash", { python: "/usr/bin/python3 \\" }, /^oyster\.json: systemd\.vars\.python: "\/usr\/bin\/python3 \\\\" ends in \\, which makes systemd join the unit's next line to this one$/m],
    ["holds a backslash", { python: "/opt/py\\x2d3" }, /^oyster\.json: systemd\.vars\.python: .* holds \\, which systemd reads as an escape/m],
    ["holds a % specifier", { python: "%h/venv/bin/python" }, /^oyster\.json: systemd\.vars\.python: "%h\/venv\/bin\/python" holds %, which systemd reads as a specifier/m],
    ["holds a newline", { python: "/usr/bin/python3\nUser=root" }, /^oyster\.json: systemd\.vars\.python: .*(single line|control character)/m],
  ];
  for (const [what, vars, message] of cases) {
    it(`a systemd.vars value that ${what}: exit 2 naming the var, with --dry-run and for real, no dial`, async () => {
      const cli = fleet(vars);
      const before = dials;
      for (const args of [["install-daemon", "n1", "--dry-run"], ["install-daemon", "n1", "--yes"], ["install-daemon", "--all", "--dry-run", "--json"]]) {
        const r = await cli(args);
        assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, message);
        if (args.includes("--json")) assert.equal(r.doc.error.code, "ConfigError");
      }
      assert.equal(dials, before, "no connection was made");
    });
  }

  it("a node's user ending in a backslash or holding %: exit 2 naming the node and {user}, no dial", async () => {
    const before = dials;
    for (const user of ["agent\\", "ag%nt"]) {
      const r = await fleet({ python: "/usr/bin/python3" }, user)(["install-daemon", "n1", "--dry-run"]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^node n1: \{user\}: "ag.*" (ends in|holds) /m);
    }
    assert.equal(dials, before, "no connection was made");
  });
});

describe("install-daemon refuses a home read from the node that systemd would read as syntax", () => {
  let rig: Rig;
  let fleet: InstallFleet;
  before(async () => {
    rig = await startRig(1, { services: [] });
    fleet = makeInstallFleet(rig);
    // The node's sshd hands its sessions a HOME with a specifier in it (SetEnv wins over the
    // passwd entry): what `$HOME` says on a node is not the operator's to vouch for.
    const node = rig.node("node-1");
    const config = join(node.dir, "sshd_config");
    writeFileSync(config, readFileSync(config, "utf8").replace(/^SetEnv /m, "SetEnv HOME=/home/agent%h "));
    await node.stop();
    await node.start();
  });
  after(async () => rig?.close());

  it("that node fails naming {home}, in a dry run and for real, and nothing is uploaded or installed", async () => {
    fleet.mark();
    const dry = await fleet.cli(["install-daemon", "node-1", "--dry-run", "--json"]);
    assert.equal(dry.code, 1, dry.stderr);
    assert.equal(dry.doc.nodes[0].status, "failed");
    assert.match(dry.doc.nodes[0].error.message, /\{home\} "\/home\/agent%h" holds %, which systemd reads as a specifier/);
    const real = await fleet.cli(["install-daemon", "node-1", "--yes", "--json"]);
    assert.equal(real.code, 1, real.stderr);
    assert.equal(real.doc.nodes[0].error.code, "InvalidArgument");
    assert.deepEqual(fleet.calls()["node-1"]!.filter((c) => c.startsWith("sudo ")), []);
    const home = execFileSync("sh", ["-c", `echo ~${rig.user}`], { encoding: "utf8" }).trim();
    assert.deepEqual(readdirSync(home).filter((f) => f.startsWith(".oyster-")), [], "no unit was uploaded");
  });
});
