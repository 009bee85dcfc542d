// The packaging configuration Mac admins depend on, read from electron-builder.yml itself: both
// CPUs, a non-relocatable pkg to /Applications, the hardening fuses, minimal entitlements and a
// menu-bar-only Info.plist. The option names are checked against electron-builder's own schema, so
// a misspelt key (which electron-builder would reject only at packaging time) fails here.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../..", import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML; each assertion below checks the shape it reads
const config = parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as Record<string, any>;
const schema = JSON.parse(readFileSync(join(root, "node_modules", "app-builder-lib", "scheme.json"), "utf8")) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

function targets(): Array<{ target: string; arch: string[] }> {
  return (config.mac.target as Array<{ target: string; arch: string[] }>).map((t) => ({ target: t.target, arch: [...t.arch].sort() }));
}

describe("electron-builder.yml", () => {
  it("uses only option names electron-builder 26 knows", () => {
    for (const key of Object.keys(config)) assert.ok(key in schema.properties, `top-level option ${key}`);
    for (const key of Object.keys(config.mac)) assert.ok(key in schema.definitions.MacConfiguration!.properties, `mac.${key}`);
    for (const key of Object.keys(config.pkg)) assert.ok(key in schema.definitions.PkgOptions!.properties, `pkg.${key}`);
    for (const key of Object.keys(config.electronFuses)) assert.ok(key in schema.definitions.FuseOptionsV1!.properties, `electronFuses.${key}`);
  });

  it("builds pkg, dmg and zip for both arm64 and x64", () => {
    assert.deepEqual(
      targets().map((t) => t.target).sort(),
      ["dmg", "pkg", "zip"],
    );
    for (const t of targets()) assert.deepEqual(t.arch, ["arm64", "x64"], `${t.target} arches`);
    assert.match(config.mac.artifactName, /\$\{arch\}/, "artifact names differ per CPU");
  });

  it("installs a non-relocatable pkg into /Applications with the CLI shim postinstall", () => {
    assert.equal(config.pkg.isRelocatable, false);
    assert.equal(config.pkg.installLocation, "/Applications");
    assert.equal(config.pkg.allowCurrentUserHome, false);
    const postinstall = join(root, config.directories.buildResources, config.pkg.scripts, "postinstall");
    assert.ok(existsSync(postinstall), "pkg postinstall exists");
    assert.ok((statSync(postinstall).mode & 0o111) !== 0, "postinstall is executable");
    assert.match(readFileSync(postinstall, "utf8"), /usr\/local\/bin/);
    const shim = config.mac.extraResources.find((r: { to: string }) => r.to === "bin/cdp-key-rotator");
    assert.ok(shim, "the shim is copied into Contents/Resources/bin");
    assert.match(readFileSync(postinstall, "utf8"), /Contents\/Resources\/bin\/cdp-key-rotator/);
    assert.ok((statSync(join(root, shim.from)).mode & 0o111) !== 0, "shim is executable");
  });

  it("flips the hardening fuses", () => {
    const fuses = config.electronFuses;
    assert.equal(fuses.runAsNode, false);
    assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(fuses.enableNodeCliInspectArguments, false);
    assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(fuses.onlyLoadAppFromAsar, true);
    assert.equal(fuses.enableCookieEncryption, true);
    assert.notEqual(config.asar, false, "asar stays on: integrity validation and onlyLoadAppFromAsar need it");
  });

  it("signs with the hardened runtime and only the JIT entitlement, and notarizes", () => {
    assert.equal(config.mac.hardenedRuntime, true);
    assert.equal(config.mac.notarize, true);
    const plist = readFileSync(join(root, config.mac.entitlements), "utf8");
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    assert.deepEqual(keys, ["com.apple.security.cs.allow-jit"]);
    assert.equal(config.mac.entitlementsInherit, config.mac.entitlements);
  });

  it("is a menu-bar-only app for macOS 13 and later", () => {
    assert.equal(config.mac.extendInfo.LSUIElement, true);
    const [major] = String(config.mac.minimumSystemVersion).split(".").map(Number);
    assert.ok(major !== undefined && major >= 13, "Electron 44+ needs macOS 13");
  });

  it("unpacks the Keychain bindings of both CPUs out of the asar", () => {
    assert.ok(config.asarUnpack.includes("node_modules/@napi-rs/keyring-*/**"));
  });

  it("keeps build inputs out of the app bundle", () => {
    for (const excluded of ["!assets/pkg-scripts/**", "!assets/entitlements.mac.plist", "!assets/cli-shim/**"]) {
      assert.ok(config.files.includes(excluded), excluded);
    }
  });

  it("uses an Electron that is still supported", () => {
    const electron = JSON.parse(readFileSync(join(root, "node_modules", "electron", "package.json"), "utf8")).version as string;
    assert.ok(Number(electron.split(".")[0]) >= 45, `electron ${electron}`);
  });
});
