// The one gate every command result passes (src/command/invoke.ts): configured secrets are gone
// from the data (what --json prints, `text` renders and Slack shows), from errors, and from what
// the audit table records, for the CLI and Slack callers alike.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { execute, prepare } from "../../../src/command/invoke.ts";
import { defineCommand, type Caller, type CommandContext } from "../../../src/command/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configDir, HOME_ENV } from "../config/config-dir.ts";
import { plainView } from "../../../src/render/view.ts";

const ENV = { SLACK_BOT_TOKEN: "xoxb-999-bot-token", SMTP_URL: "smtp://ops:relay-pass-42@relay:587", SOME_PROVIDER_KEY: "sk-provider-7777" };
const VALUES = Object.values(ENV).concat("relay-pass-42");

const noArgs = z.object({ _: z.array(z.string()).max(0) });
const leak = defineCommand({
  name: "leak", summary: "test: prints the environment", usage: "leak", schema: noArgs, role: "operator", changesState: true, confirm: false,
  run: async () => ({ ok: true, data: { steps: [{ stdout: `bot=${ENV.SLACK_BOT_TOKEN}\nkey=${ENV.SOME_PROVIDER_KEY}\n`, stderr: `smtp ${ENV.SMTP_URL}` }] } }),
  text: (d: { steps: Array<{ stdout: string }> }) => d.steps[0]!.stdout,
});
const boom = defineCommand({
  name: "boom", summary: "test: fails loudly", usage: "boom", schema: noArgs, role: "operator", changesState: true, confirm: false,
  run: async () => {
    throw new Error(`relay said: bad password relay-pass-42 for ${ENV.SOME_PROVIDER_KEY}`);
  },
  text: () => "",
});

function context(via: Caller["via"]): CommandContext {
  const config = loadConfig({ dir: configDir({ "oyster.json": { monitor: { providers: { openai: [{ label: "main", keyEnv: "SOME_PROVIDER_KEY" }] } } } }), env: HOME_ENV }).config;
  const dir = tmpDir();
  return {
    config, store: openStore(dir), ssh: {} as CommandContext["ssh"], log: memoryLogger("silent").log, now: () => new Date(),
    caller: { who: via === "cli" ? "cli:ops" : "slack:UOPER", via, role: "operator" }, env: { ...ENV, PATH: "/usr/bin" }, dataDir: dir, commands: [leak, boom],
  };
}

const leaked = (text: string) => VALUES.filter((v) => text.includes(v));

describe("command results and errors are scrubbed of secrets", () => {
  for (const via of ["cli", "slack"] as const) {
    it(`removes every configured secret value from a ${via} command's data and its text`, async () => {
      const ctx = context(via);
      const result = await execute(ctx, await prepare(ctx, "leak", []));
      assert.deepEqual(leaked(JSON.stringify(result)), []);
      assert.deepEqual(result.data, { steps: [{ stdout: "bot=[REDACTED]\nkey=[REDACTED]\n", stderr: "smtp [REDACTED]" }] });
      assert.deepEqual(leaked(leak.text(result.data as never, plainView())), []);
      ctx.store.close();
    });

    it(`removes them from a ${via} command's error and from the audit row that records it`, async () => {
      const ctx = context(via);
      await assert.rejects(execute(ctx, await prepare(ctx, "boom", [])), (err: Error & { code?: string }) => {
        assert.equal(err.message, "relay said: bad password [REDACTED] for [REDACTED]");
        return true;
      });
      const rows = ctx.store.audit.since(new Date(0));
      assert.deepEqual(rows.map((r) => [r.command, r.outcome, r.error]), [["boom", "failed", "Internal: relay said: bad password [REDACTED] for [REDACTED]"]]);
      assert.deepEqual(leaked(JSON.stringify(rows)), []);
      ctx.store.close();
    });
  }
});
