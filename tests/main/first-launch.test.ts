import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { APP_STATE_FILE, createAppStateStore } from "../../src/main/app-state-store";
import { WELCOME_NOTIFICATION, welcomeOnFirstLaunch, type FirstLaunchDeps } from "../../src/main/first-launch";
import { ManualClock } from "./fakes";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cdp-first-launch-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function launch(overrides: Partial<FirstLaunchDeps> = {}) {
  const seen: string[] = [];
  const warnings: string[] = [];
  const deps: FirstLaunchDeps = {
    state: createAppStateStore(dataDir),
    clock: new ManualClock("2026-03-01T09:00:00.000Z"),
    showPopover: () => seen.push("popover"),
    notify: (welcome) => seen.push(`notification: ${welcome.title}`),
    logger: { log: (level, message) => void warnings.push(`${level} ${message}`) },
    ...overrides,
  };
  return { seen, warnings, run: () => welcomeOnFirstLaunch(deps) };
}

describe("first launch", () => {
  it("opens the popover and posts one notification saying where the app lives, then remembers it", async () => {
    const first = launch();
    assert.equal(await first.run(), true);
    assert.deepEqual(first.seen, ["popover", `notification: ${WELCOME_NOTIFICATION.title}`]);
    assert.match(WELCOME_NOTIFICATION.body, /menu bar|top of the screen/);
    const saved = JSON.parse(await readFile(join(dataDir, APP_STATE_FILE), "utf8"));
    assert.deepEqual(saved, { version: 1, welcomedAt: "2026-03-01T09:00:00.000Z" });

    const second = launch();
    assert.equal(await second.run(), false);
    assert.deepEqual(second.seen, [], "a later launch stays quiet");
  });

  it("still opens the popover where notifications are not supported", async () => {
    const { seen, run } = launch({ notify: null });
    assert.equal(await run(), true);
    assert.deepEqual(seen, ["popover"]);
  });

  it("leaves a damaged state file alone and does not welcome again", async () => {
    await writeFile(join(dataDir, APP_STATE_FILE), "{ not json");
    const { seen, warnings, run } = launch();
    assert.equal(await run(), false);
    assert.deepEqual(seen, []);
    assert.equal(await readFile(join(dataDir, APP_STATE_FILE), "utf8"), "{ not json");
    assert.match(warnings.join("\n"), /^warn The app state file cannot be read/m);
  });

  it("welcomes anyway and says so when the state cannot be saved", async () => {
    const { seen, warnings, run } = launch({ state: createAppStateStore(join(dataDir, "missing", "folder")) });
    assert.equal(await run(), true);
    assert.equal(seen.length, 2);
    assert.match(warnings.join("\n"), /it will show again next launch/);
  });
});
