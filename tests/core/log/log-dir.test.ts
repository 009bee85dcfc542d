import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveLogDir } from "../../../src/core/log/log-dir";

describe("log folder", () => {
  it("is ~/Library/Logs/CDP Key Rotator on a Mac, where Console.app looks", () => {
    assert.equal(resolveLogDir({}, "darwin", "/Users/ada"), "/Users/ada/Library/Logs/CDP Key Rotator");
  });

  it("is the XDG state folder on Linux, ignoring a relative XDG_STATE_HOME", () => {
    assert.equal(resolveLogDir({}, "linux", "/home/ada"), "/home/ada/.local/state/cdp-key-rotator/logs");
    assert.equal(resolveLogDir({ XDG_STATE_HOME: "/var/state" }, "linux", "/home/ada"), "/var/state/cdp-key-rotator/logs");
    assert.equal(resolveLogDir({ XDG_STATE_HOME: "state" }, "linux", "/home/ada"), "/home/ada/.local/state/cdp-key-rotator/logs");
  });

  it("is under LOCALAPPDATA on Windows", () => {
    assert.equal(resolveLogDir({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", "C:\\Users\\ada"), "C:\\Users\\ada\\AppData\\Local\\CDP Key Rotator\\Logs");
  });

  it("stays beside an overridden data folder, so tests and extra profiles never write the real log folder", () => {
    assert.equal(resolveLogDir({ CDP_KEY_ROTATOR_HOME: "/tmp/profile" }, "darwin", "/Users/ada"), "/tmp/profile/Logs");
  });

  it("takes CDP_KEY_ROTATOR_LOG_DIR over everything", () => {
    assert.equal(resolveLogDir({ CDP_KEY_ROTATOR_LOG_DIR: "/tmp/logs", CDP_KEY_ROTATOR_HOME: "/tmp/profile" }, "darwin", "/Users/ada"), "/tmp/logs");
  });
});
