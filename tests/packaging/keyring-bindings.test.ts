// The Mach-O check on headers built here, then on the real packages from the registry
// (scripts/keyring-bindings.mjs caches them in .cache/; that test skips when they cannot be had).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { checkBindingDir, fetchBinding, requiredVersion } from "../../scripts/keyring-bindings.mjs";
import { machOProblem, readMachO } from "../../scripts/mach-o.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

function thinHeader(cpuType: number, fileType = 6): Uint8Array {
  const view = new DataView(new ArrayBuffer(32));
  view.setUint32(0, 0xfeedfacf, true);
  view.setUint32(4, cpuType, true);
  view.setUint32(12, fileType, true);
  return new Uint8Array(view.buffer);
}

function fatHeader(cpuTypes: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 + 20 * cpuTypes.length));
  view.setUint32(0, 0xcafebabe, false);
  view.setUint32(4, cpuTypes.length, false);
  cpuTypes.forEach((cpu, i) => view.setUint32(8 + i * 20, cpu, false));
  return new Uint8Array(view.buffer);
}

describe("Mach-O check", () => {
  it("tells arm64 from x64 modules", () => {
    assert.equal(machOProblem(thinHeader(0x0100000c), "arm64"), null);
    assert.equal(machOProblem(thinHeader(0x01000007), "x64"), null);
    assert.equal(machOProblem(thinHeader(0x01000007), "arm64"), "built for x64, not arm64");
  });

  it("reads universal binaries", () => {
    assert.deepEqual(readMachO(fatHeader([0x01000007, 0x0100000c])), { ok: true, cpus: ["x64", "arm64"], fileType: null });
    assert.equal(machOProblem(fatHeader([0x01000007]), "arm64"), "built for x64, not arm64");
  });

  it("refuses ELF files, executables and truncated files", () => {
    assert.match(machOProblem(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), "x64") ?? "", /not a Mach-O binary/);
    assert.match(machOProblem(thinHeader(0x0100000c, 2), "arm64") ?? "", /not a loadable module/);
    assert.match(machOProblem(new Uint8Array(3), "arm64") ?? "", /too short/);
  });
});

describe("keyring bindings from the registry", () => {
  it("the Linux binding installed here is refused as a darwin binding", () => {
    const linux = join(root, "node_modules", "@napi-rs", "keyring-linux-x64-gnu");
    if (!existsSync(linux)) return;
    assert.match(checkBindingDir(linux, "x64") ?? "", /not a Mach-O binary/);
  });

  it("fetches both darwin packages and each is a Mach-O of its own CPU", async (t) => {
    const version = requiredVersion(root);
    const cacheDir = join(root, ".cache", "keyring-bindings");
    const work = await mkdtemp(join(tmpdir(), "cdp-keyring-bindings-"));
    try {
      for (const cpu of ["arm64", "x64"]) {
        const dest = join(work, cpu);
        try {
          fetchBinding(cpu, version, { cacheDir, dest });
        } catch (error) {
          if (/npm pack/.test(String(error))) return t.skip(`registry unreachable: ${String(error)}`);
          throw error;
        }
        assert.equal(checkBindingDir(dest, cpu, version), null, `${cpu} binding`);
        assert.match(checkBindingDir(dest, cpu === "arm64" ? "x64" : "arm64", version) ?? "", /built for/);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
