// `"locale": "zh-CN"` in oyster.json: `oyster help` and `help <command>` in Simplified Chinese,
// fitted to the terminal; --json the same bytes as in English. The real bin, as an operator runs it.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { commandHelp } from "../../../src/locale/zh-CN/command-help.ts";
import { displayWidth } from "../../../src/render/paint.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A sandbox whose oyster.json holds `oysterJson` (none when undefined). */
function sandbox(oysterJson?: unknown, columns?: number): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = tmpDir();
  const config = join(dir, "config");
  mkdirSync(config);
  if (oysterJson !== undefined) writeFileSync(join(config, "oyster.json"), JSON.stringify(oysterJson));
  return { dir, env: { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: config, OYSTER_DATA_DIR: join(dir, "data"), ...(columns ? { COLUMNS: String(columns) } : {}) } };
}

async function oyster(args: string[], box: { env: NodeJS.ProcessEnv; dir: string }): Promise<string> {
  const r = await runOyster(args, box.env, box.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return r.stdout;
}

const tooWide = (text: string, columns: number) => text.split("\n").filter((l) => displayWidth(l) > columns);
const ZH = { locale: "zh-CN" };

describe("oyster help with locale zh-CN", () => {
  it("lists every command with its Chinese summary under Chinese headings, usage lines unchanged", async () => {
    const text = await oyster(["help"], sandbox(ZH, 200));
    assert.match(text, /^用法：oyster <command> \[args\] \[--json\] \[--yes\]$/m);
    assert.match(text, /^oyster help <command> 显示单个命令的完整说明。$/m);
    assert.match(text, /^ROLE 是命令所需的最低角色（viewer 查看者 < operator 操作员 < admin 管理员）/m);
    for (const cmd of registry) {
      assert.ok(text.includes(`  ${cmd.usage}`), `${cmd.name}'s usage as defined`);
      assert.ok(text.includes(`            ${commandHelp[cmd.name]!.summary}\n`), `${cmd.name}'s Chinese summary`);
      assert.equal(text.includes(cmd.summary), false, `${cmd.name}'s English summary`);
    }
    assert.match(text, /^ {12}operator: fixing \(without --no-fix\), --rearm$/m, "role names and forms stay");
  });

  it("fits 80 and 60 columns, the list and every command's page", async () => {
    for (const columns of [80, 60]) {
      const box = sandbox(ZH, columns);
      assert.deepEqual(tooWide(await oyster(["help"], box), columns), [], `help at ${columns}`);
      const pages = await Promise.all(registry.map((cmd) => oyster(["help", cmd.name], box)));
      pages.forEach((page, i) => assert.deepEqual(tooWide(page, columns), [], `help ${registry[i]!.name} at ${columns}`));
    }
  });

  it("shows a command's page with Chinese headings, options, role and exit codes", async () => {
    const text = await oyster(["help", "restart"], sandbox(ZH, 80));
    assert.match(text, /^用法：oyster restart dispatch <project>/);
    assert.ok(text.includes(commandHelp.restart!.summary.slice(0, 20)), text);
    assert.match(text, /^选项：\n(.*\n)*  --parallel N +同时重启几个节点/m);
    assert.match(text, /^ {2}--json +在 stdout 输出一个 JSON 文档/m);
    assert.match(text, /^角色：operator$/m);
    assert.match(text, /^示例：\n {2}oyster restart daemon node-1$/m);
    assert.match(text, /^退出码：\n {2}0 +成功\n {2}1 +检查发现异常/m);
    assert.match(await oyster(["help", "report"], sandbox(ZH, 80)), /^角色：viewer（未在下方列出的用法）\n {2}operator +--send$/m);
  });

  it("prints the same --json bytes as in English, for the list and for one command", async () => {
    for (const args of [["help", "--json"], ["help", "restart", "--json"], ["help", "check", "--json"]]) {
      assert.equal(await oyster(args, sandbox(ZH)), await oyster(args, sandbox({ locale: "en" })), args.join(" "));
    }
  });

  it("is in Chinese even when the rest of the config is invalid", async () => {
    const text = await oyster(["help"], sandbox({ locale: "zh-CN", ssh: { concurrency: 0 } }, 80));
    assert.match(text, /^用法：oyster/);
  });

  it("stays English, the same bytes, with no locale, locale en, an unknown locale or a malformed oyster.json", async () => {
    const english = await oyster(["help"], sandbox(undefined, 80));
    assert.match(english, /^usage: oyster <command>/);
    for (const config of [{ locale: "en" }, { locale: "fr" }, {}]) assert.equal(await oyster(["help"], sandbox(config, 80)), english, JSON.stringify(config));
    const box = sandbox(undefined, 80);
    writeFileSync(join(box.env.OYSTER_CONFIG_DIR!, "oyster.json"), "{ \"locale\": \"zh-CN\"");
    assert.equal(await oyster(["help"], box), english, "malformed");
    const page = await oyster(["help", "sync"], sandbox(undefined, 80));
    assert.equal(await oyster(["help", "sync"], sandbox({ locale: "en" }, 80)), page);
    assert.match(page, /^Options:$/m);
  });
});
