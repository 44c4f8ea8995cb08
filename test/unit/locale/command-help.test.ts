// zh-CN's summaries and option descriptions for `help` (src/locale/zh-CN/command-help.ts): the
// English is each command's own definition, so this map must follow the registry exactly.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import type { HelpEntry } from "../../../src/command/help-format.ts";
import { localizeEntry, optionName } from "../../../src/help/localize.ts";
import { commandHelp } from "../../../src/locale/zh-CN/command-help.ts";

const CJK = /\p{Script=Han}/u;

describe("zh-CN command help", () => {
  it("has a Chinese summary for every command in the registry", () => {
    const missing = registry.filter((c) => !CJK.test(commandHelp[c.name]?.summary ?? "")).map((c) => c.name);
    assert.deepEqual(missing, []);
  });

  it("has a Chinese description for every option of every command", () => {
    const missing = registry.flatMap((c) => Object.keys(c.options ?? {}).filter((o) => !CJK.test(commandHelp[c.name]?.options?.[o] ?? "")).map((o) => `${c.name} --${o}`));
    assert.deepEqual(missing, []);
  });

  it("names no command and no option that does not exist", () => {
    const names = new Set(registry.map((c) => c.name));
    assert.deepEqual(Object.keys(commandHelp).filter((n) => !names.has(n)), [], "commands");
    const stray = Object.entries(commandHelp).flatMap(([name, h]) => {
      const options = registry.find((c) => c.name === name)?.options ?? {};
      return Object.keys(h.options ?? {}).filter((o) => !(o in options)).map((o) => `${name} --${o}`);
    });
    assert.deepEqual(stray, [], "options");
  });

  it("keeps each translation free of the placeholders and flags the English does not have", () => {
    // A flag named in a translation (`--verbose`) must be one the English names too.
    for (const c of registry) {
      const zh = commandHelp[c.name]!;
      const texts: Array<[string, string]> = [[c.summary, zh.summary], ...Object.entries(c.options ?? {}).map(([o, spec]): [string, string] => [spec.description, zh.options![o]!])];
      for (const [en, cn] of texts) {
        const flags = (s: string) => [...s.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).sort();
        assert.deepEqual(flags(cn), flags(en), `${c.name}: ${cn}`);
      }
    }
  });
});

describe("localizeEntry", () => {
  const entry: HelpEntry = {
    name: "restart",
    usage: "restart ...",
    summary: "English summary",
    role: "operator",
    roleForms: [],
    changesState: true,
    options: [{ flag: "--tag T", description: "English tag" }, { flag: "-x, --unknown", description: "kept" }],
  };

  it("gives the summary and each option's description in zh-CN, flags and usage untouched", () => {
    const zh = localizeEntry(entry, "zh-CN");
    assert.equal(zh.summary, commandHelp.restart!.summary);
    assert.deepEqual(zh.options, [{ flag: "--tag T", description: commandHelp.restart!.options!.tag }, { flag: "-x, --unknown", description: "kept" }]);
    assert.equal(zh.usage, entry.usage);
  });

  it("leaves English as the command defines it", () => {
    assert.equal(localizeEntry(entry, "en"), entry);
  });

  it("reads the option's name from its flag", () => {
    assert.equal(optionName("-n, --node NAME"), "node");
    assert.equal(optionName("--dry-run"), "dry-run");
  });
});
