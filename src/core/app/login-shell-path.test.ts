// Reading the login shell's PATH: the real runner against real shells, bounded by its timeout.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mergePaths, resolveLoginShellPath } from "./login-shell-path";

describe("resolveLoginShellPath", () => {
  it("puts the login shell's folders first, keeps the current ones, and ignores banners", async () => {
    const home = await mkdtemp(join(tmpdir(), "cdp-shell-"));
    try {
      await writeFile(join(home, ".bash_profile"), 'echo "Last login: today"\nexport PATH="/opt/homebrew/bin:/usr/bin:$PATH"\n');
      const merged = await resolveLoginShellPath({ env: { SHELL: "/bin/bash", HOME: home, PATH: "/usr/bin:/bin:/custom/app" } });
      assert.ok(merged?.startsWith("/opt/homebrew/bin:/usr/bin:"), merged ?? "null");
      assert.ok(merged?.split(":").includes("/custom/app"));
      assert.equal(merged?.split(":").filter((dir) => dir === "/usr/bin").length, 1, "each folder once");
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("gives up after the timeout on a shell that hangs, and on a shell that is not an absolute path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cdp-shell-"));
    try {
      const hanging = join(dir, "hanging-shell");
      await writeFile(hanging, "#!/bin/sh\nsleep 30 &\nwait\n"); // the hang is in a grandchild
      await chmod(hanging, 0o755);
      const started = Date.now();
      assert.equal(await resolveLoginShellPath({ env: { SHELL: hanging, PATH: "/usr/bin" }, timeoutMs: 200 }), null);
      assert.ok(Date.now() - started < 10_000, "bounded by the timeout, not the shell");
      assert.equal(await resolveLoginShellPath({ env: { SHELL: "zsh", PATH: "/usr/bin" } }), null);
      assert.equal(await resolveLoginShellPath({ env: { SHELL: join(dir, "no-such-shell") } }), null);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads nothing from output without the markers", async () => {
    const merged = await resolveLoginShellPath({ env: { SHELL: "/bin/zsh" }, run: async () => "/evil/bin:/usr/bin" });
    assert.equal(merged, null);
    assert.equal(mergePaths("relative:/a", "/a:/b"), "/a:/b");
  });
});
