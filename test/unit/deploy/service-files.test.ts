// The service files start the compiled bot with node directly: never npm or a shell (a signal
// would reach them, not the bot, and skip its drain) and never a TypeScript loader.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";

function assertNodeRunsCompiledBot(argv: string[], where: string): void {
  assert.ok(argv.length === 2, `${where}: exactly node and the entry, got ${JSON.stringify(argv)}`);
  assert.match(argv[0]!, /^\/\S*\/node$/, `${where}: an absolute path to node`);
  assert.match(argv[1]!, /^\/\S*\/dist\/main\.js$/, `${where}: the compiled bot, dist/main.js`);
  for (const word of argv) assert.doesNotMatch(word, /npm|tsx|\bsh\b|bash|--import|--loader/, `${where}: ${word}`);
}

describe("deploy/", () => {
  it("oyster.service runs `node …/dist/main.js` directly, stops with SIGTERM and a stop timeout above the 15 s drain", () => {
    const unit = readFileSync(join(PROJECT_ROOT, "deploy", "systemd", "oyster.service"), "utf8");
    const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1];
    assert.ok(execStart, "an ExecStart line");
    assertNodeRunsCompiledBot(execStart.trim().split(/\s+/), "oyster.service ExecStart");
    assert.match(unit, /^KillSignal=SIGTERM$/m);
    const stopTimeout = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    assert.ok(stopTimeout > 15, `TimeoutStopSec ${stopTimeout} leaves the drain its 15 s`);
    assert.match(unit, /^UMask=0077$/m);
    assert.match(unit, /^Restart=on-failure$/m);
    assert.match(unit, /^EnvironmentFile=-\/\S+$/m, "an env file, optional");
    assert.ok(Number(/^LimitNOFILE=(\d+)$/m.exec(unit)?.[1]) >= 1024, "an open-files limit for one connection per node");
  });

  it("dev.oyster.bot.plist runs node with dist/main.js directly and keeps it alive after a crash", () => {
    const plist = readFileSync(join(PROJECT_ROOT, "deploy", "launchd", "dev.oyster.bot.plist"), "utf8");
    const args = /<key>ProgramArguments<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(plist)?.[1];
    assert.ok(args, "a ProgramArguments array");
    assertNodeRunsCompiledBot([...args.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]!), "launchd ProgramArguments");
    assert.match(plist, /<key>KeepAlive<\/key>\s*<dict>\s*<key>SuccessfulExit<\/key>\s*<false\/>/);
    assert.match(plist, /<key>Label<\/key>\s*<string>dev\.oyster\.bot<\/string>/);
    const files = Number(/<key>SoftResourceLimits<\/key>\s*<dict>\s*<key>NumberOfFiles<\/key>\s*<integer>(\d+)<\/integer>/.exec(plist)?.[1]);
    assert.ok(files >= 1024, `launchd's default soft limit (256) raised: ${files}`);
    assert.match(plist, /<key>StandardErrorPath<\/key>\s*<string>[^<]*\/Library\/Logs\/oyster\//, "logs where macOS keeps them");
  });
});
