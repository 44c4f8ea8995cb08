import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createLogger } from "../../src/log.ts";
import { collectSecrets } from "../../src/secrets/index.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";

describe("logging", () => {
  it("writes JSON lines to data/logs/oyster.log and short human lines to stderr", () => {
    const dir = tmpDir();
    const human: string[] = [];
    const log = createLogger({ dataDir: dir, level: "info", stderr: { write: (s: string) => human.push(s) } });
    log.child({ job: "guardian" }).warn({ node: "n1" }, "ssh exec failed");
    const [line] = readFileSync(join(dir, "logs", "oyster.log"), "utf8").trim().split("\n");
    const entry = JSON.parse(line!) as Record<string, unknown>;
    assert.deepEqual([entry.level, entry.msg, entry.job, entry.node], [40, "ssh exec failed", "guardian", "n1"]);
    assert.match(human[0]!, /^\d\d:\d\d:\d\d WARN ssh exec failed job=guardian node=n1\n$/);
  });

  it("scrubs secret values from every line, in fields, messages and errors alike", () => {
    const dir = tmpDir();
    const env = { SLACK_BOT_TOKEN: "xoxb-123-secret-token", SMTP_URL: "smtp://mail:p%40ssw0rd!@127.0.0.1:25", OPENAI_KEY: "sk-live-abcdef" };
    const human: string[] = [];
    const log = createLogger({ dataDir: dir, secrets: collectSecrets(env, undefined, ["OPENAI_KEY"]).values, stderr: { write: (s: string) => human.push(s) } });
    log.info({ header: `Bearer ${env.SLACK_BOT_TOKEN}` }, `posting with ${env.OPENAI_KEY}`);
    log.error({ err: new Error(`auth failed for p@ssw0rd!`) }, "smtp failed");
    log.info({ token: "anything-at-all", password: "hunter22" }, "keys by name");
    const file = readFileSync(join(dir, "logs", "oyster.log"), "utf8");
    for (const text of [file, human.join("")]) {
      for (const secret of ["xoxb-123-secret-token", "sk-live-abcdef", "p@ssw0rd!", "anything-at-all", "hunter22"]) {
        assert.ok(!text.includes(secret), `${secret} leaked`);
      }
    }
    assert.ok(file.includes("[REDACTED]"));
  });

  it("keeps stderr quiet below its own level while the file gets everything", () => {
    const dir = tmpDir();
    const human: string[] = [];
    const log = createLogger({ dataDir: dir, level: "info", stderrLevel: "warn", stderr: { write: (s: string) => human.push(s) } });
    log.info("routine");
    log.warn("attention");
    assert.equal(human.length, 1);
    assert.equal(readFileSync(join(dir, "logs", "oyster.log"), "utf8").trim().split("\n").length, 2);
  });
});
