import assert from "node:assert/strict";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir } from "../../../tests/core/fixtures/store-helpers";
import { AppError } from "../../shared/errors";
import { ensureDataDir, resolveDataDir } from "./data-dir";

describe("resolveDataDir", () => {
  const cases: { name: string; env: Record<string, string | undefined>; platform: NodeJS.Platform; home: string; want: string }[] = [
    { name: "macOS", env: {}, platform: "darwin", home: "/Users/ann", want: "/Users/ann/Library/Application Support/CDP Key Rotator" },
    { name: "Linux default", env: {}, platform: "linux", home: "/home/ann", want: "/home/ann/.config/cdp-key-rotator" },
    { name: "Linux XDG_CONFIG_HOME", env: { XDG_CONFIG_HOME: "/xdg" }, platform: "linux", home: "/home/ann", want: "/xdg/cdp-key-rotator" },
    { name: "Linux relative XDG_CONFIG_HOME is ignored", env: { XDG_CONFIG_HOME: "rel/cfg" }, platform: "linux", home: "/home/ann", want: "/home/ann/.config/cdp-key-rotator" },
    { name: "Linux empty XDG_CONFIG_HOME", env: { XDG_CONFIG_HOME: "" }, platform: "linux", home: "/home/ann", want: "/home/ann/.config/cdp-key-rotator" },
    { name: "Windows APPDATA", env: { APPDATA: "C:\\Users\\ann\\AppData\\Roaming" }, platform: "win32", home: "C:\\Users\\ann", want: "C:\\Users\\ann\\AppData\\Roaming\\CDP Key Rotator" },
    { name: "Windows without APPDATA", env: {}, platform: "win32", home: "C:\\Users\\ann", want: "C:\\Users\\ann\\AppData\\Roaming\\CDP Key Rotator" },
    { name: "override wins on macOS", env: { CDP_KEY_ROTATOR_HOME: "/tmp/cdp-home", XDG_CONFIG_HOME: "/xdg" }, platform: "darwin", home: "/Users/ann", want: "/tmp/cdp-home" },
    { name: "override wins on Linux", env: { CDP_KEY_ROTATOR_HOME: "/srv/cdp", XDG_CONFIG_HOME: "/xdg" }, platform: "linux", home: "/home/ann", want: "/srv/cdp" },
    { name: "override wins on Windows", env: { CDP_KEY_ROTATOR_HOME: "D:\\cdp", APPDATA: "C:\\x" }, platform: "win32", home: "C:\\Users\\ann", want: "D:\\cdp" },
    { name: "blank override is ignored", env: { CDP_KEY_ROTATOR_HOME: "  " }, platform: "linux", home: "/home/ann", want: "/home/ann/.config/cdp-key-rotator" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(resolveDataDir(c.env, c.platform, c.home), c.want);
    });
  }

  it("resolves a relative override against the working folder", () => {
    assert.equal(resolveDataDir({ CDP_KEY_ROTATOR_HOME: "data" }, "linux", "/home/ann"), join(process.cwd(), "data"));
  });
});

describe("ensureDataDir", () => {
  it("creates missing folders readable only by the user (0700)", async () => {
    const tmp = await makeTempDir();
    try {
      const dir = join(tmp.dir, "a", "b", "CDP Key Rotator");
      assert.equal(await ensureDataDir(dir), dir);
      const info = await stat(dir);
      assert.ok(info.isDirectory());
      if (process.platform !== "win32") assert.equal(info.mode & 0o777, 0o700);
      // A second call on an existing folder is fine.
      assert.equal(await ensureDataDir(dir), dir);
    } finally {
      await tmp.cleanup();
    }
  });

  it("explains when a file is in the way", async () => {
    const tmp = await makeTempDir();
    try {
      const blocker = join(tmp.dir, "blocker");
      await writeFile(blocker, "not a folder");
      await assert.rejects(ensureDataDir(join(blocker, "data")), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, "CONFIG_INVALID");
        assert.match(error.message, /cannot be created/);
        assert.match(error.action ?? "", /CDP_KEY_ROTATOR_HOME/);
        return true;
      });
    } finally {
      await tmp.cleanup();
    }
  });

  it("explains when the parent folder is not writable", { skip: process.getuid?.() === 0 ? "root can write anywhere" : false }, async () => {
    const tmp = await makeTempDir();
    try {
      const parent = join(tmp.dir, "locked");
      await mkdir(parent, { mode: 0o500 });
      await assert.rejects(ensureDataDir(join(parent, "data")), /permission denied/);
    } finally {
      await tmp.cleanup();
    }
  });
});
