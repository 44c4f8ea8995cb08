import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogue, LOCALES, placeholders, translate } from "../../../src/locale/index.ts";

describe("the message catalogues", () => {
  const en = catalogue("en");
  for (const locale of LOCALES) {
    it(`${locale} has exactly the English keys, each non-empty`, () => {
      const mine = catalogue(locale);
      assert.deepEqual(Object.keys(mine).filter((k) => !(k in en)), [], `keys ${locale} has that English lacks`);
      assert.deepEqual(Object.keys(en).filter((k) => !(k in mine)), [], `keys missing from ${locale}`);
      assert.deepEqual(Object.entries(mine).filter(([, m]) => typeof m !== "string" || m.trim() === "").map(([k]) => k), []);
    });
    it(`${locale} uses the same placeholders as English in every message`, () => {
      const mine = catalogue(locale);
      const differ = Object.keys(en).filter((k) => placeholders(mine[k as keyof typeof en]).sort().join() !== placeholders(en[k as keyof typeof en]).sort().join());
      assert.deepEqual(differ, []);
    });
  }
  it("every key names its section (section.what)", () => {
    assert.deepEqual(Object.keys(en).filter((k) => !/^[a-zA-Z]+\.[A-Za-z0-9.]+$/.test(k)), []);
  });
  it("fills placeholders and leaves one without a value as written", () => {
    assert.equal(translate("zh-CN", "common.failed"), "失败");
    assert.equal(translate("en", "common.failed"), "FAILED");
  });
});

describe("placeholders", () => {
  it("lists {name} placeholders in order", () => {
    assert.deepEqual(placeholders("{check} FAILED on {nodes}: {detail}"), ["check", "nodes", "detail"]);
    assert.deepEqual(placeholders("no placeholder {} { x }"), []);
  });
});
