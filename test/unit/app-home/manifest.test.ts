// The manifest turns on what the App Home needs: the Home tab, and the app_home_opened event the
// bot listens for (no scope: views.publish and the event need none).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const manifest = parse(readFileSync(`${root}manifest.yml`, "utf8")) as {
  features: { app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean } };
  settings: { event_subscriptions?: { bot_events?: string[] } };
};

describe("manifest.yml for the App Home", () => {
  it("enables the Home tab and subscribes to app_home_opened", () => {
    assert.equal(manifest.features.app_home?.home_tab_enabled, true);
    assert.deepEqual(manifest.settings.event_subscriptions?.bot_events, ["app_home_opened"]);
  });

  it("subscribes to every event the bot's listeners handle", () => {
    const listener = readFileSync(`${root}src/slack/listeners/events/app-home-opened.ts`, "utf8");
    const handled = [...listener.matchAll(/app\.event\("([a-z_]+)"/g)].map((m) => m[1]);
    assert.deepEqual(handled, ["app_home_opened"]);
    for (const e of handled) assert.ok(manifest.settings.event_subscriptions?.bot_events?.includes(e!), e);
  });
});
