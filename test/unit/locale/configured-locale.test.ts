import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configuredLocale } from "../../../src/locale/configured-locale.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function configDir(oysterJson?: string): string {
  const dir = join(tmpDir(), "config");
  mkdirSync(dir);
  if (oysterJson !== undefined) writeFileSync(join(dir, "oyster.json"), oysterJson);
  return dir;
}

describe("configuredLocale (help's language, read without loading the config)", () => {
  it("is zh-CN when oyster.json says so", () => {
    assert.equal(configuredLocale(configDir(JSON.stringify({ locale: "zh-CN" }))), "zh-CN");
  });

  it("is en when oyster.json says en or has no locale", () => {
    assert.equal(configuredLocale(configDir(JSON.stringify({ locale: "en" }))), "en");
    assert.equal(configuredLocale(configDir(JSON.stringify({ timezone: "UTC" }))), "en");
  });

  it("is en, silently, when the config dir or oyster.json is missing", () => {
    assert.equal(configuredLocale(configDir()), "en");
    assert.equal(configuredLocale(join(tmpDir(), "no-such-dir")), "en");
  });

  it("is en when oyster.json is malformed or not an object", () => {
    for (const text of ["{ locale: zh-CN", "", "null", "\"zh-CN\"", "[\"zh-CN\"]"]) assert.equal(configuredLocale(configDir(text)), "en", JSON.stringify(text));
  });

  it("is en for a locale that is not one Oyster speaks, or not a string", () => {
    for (const locale of ["fr", "zh", "zh-cn", "ZH-CN", 1, null, ["zh-CN"]]) assert.equal(configuredLocale(configDir(JSON.stringify({ locale }))), "en", JSON.stringify(locale));
  });

  it("still reads the locale when the rest of the config is invalid (help must work with a broken config)", () => {
    assert.equal(configuredLocale(configDir(JSON.stringify({ locale: "zh-CN", ssh: { concurrency: 0 }, nonsense: true }))), "zh-CN");
  });

  it("is en when the file cannot be read", () => {
    const unreadable = () => {
      throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    };
    assert.equal(configuredLocale("/config", unreadable), "en");
  });
});
