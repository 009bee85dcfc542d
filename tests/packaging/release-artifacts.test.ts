// What `npm run dist` builds and checks: the CPUs from the command line, the artifact paths
// electron-builder.yml's artifactName gives them (read from the real config, so a renamed pattern
// fails here), and notarytool's credentials for the dmg, which electron-builder does not notarize.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { developmentBuild, notarytoolCredentials, releaseArtifacts, selectedArches } from "../../scripts/release-artifacts.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const config = parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as { mac: { artifactName: string } };
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { productName: string; version: string };

describe("release artifacts", () => {
  it("builds both CPUs unless one is named", () => {
    assert.deepEqual(selectedArches(["node", "dist.mjs"]), ["arm64", "x64"]);
    assert.deepEqual(selectedArches(["node", "dist.mjs", "--release", "--x64"]), ["x64"]);
    assert.deepEqual(selectedArches(["node", "dist.mjs", "--arm64"]), ["arm64"]);
    assert.deepEqual(selectedArches(["node", "dist.mjs", "--x64", "--arm64"]), ["arm64", "x64"]);
  });

  it("names the pkg and dmg the way electron-builder.yml's artifactName does, and each app once", () => {
    const expand = (arch: string, ext: string) =>
      config.mac.artifactName.replace(/\$\{(\w+)\}/g, (_m, name: string) => ({ productName: pkg.productName, version: pkg.version, arch, ext })[name] ?? `?${name}`);
    const files = releaseArtifacts("/out", { productName: pkg.productName, version: pkg.version, arches: ["arm64", "x64"] });
    assert.deepEqual(files, [
      join("/out", expand("arm64", "pkg")),
      join("/out", expand("arm64", "dmg")),
      join("/out", "mac-arm64", `${pkg.productName}.app`),
      join("/out", expand("x64", "pkg")),
      join("/out", expand("x64", "dmg")),
      join("/out", "mac", `${pkg.productName}.app`),
    ]);
    assert.ok(files.every((f) => !f.includes("?")), "every placeholder of artifactName is known");
    // Nested helper apps (Contents/Frameworks/… Helper.app) have no ticket of their own.
    assert.ok(files.every((f) => !f.includes("Contents")));
  });

  it("passes notarytool the API key or the keychain profile, never a password", () => {
    assert.deepEqual(notarytoolCredentials({ APPLE_API_KEY: "/s/AuthKey.p8", APPLE_API_KEY_ID: "ABC123", APPLE_API_ISSUER: "uuid" }), [
      "--key",
      "/s/AuthKey.p8",
      "--key-id",
      "ABC123",
      "--issuer",
      "uuid",
    ]);
    assert.deepEqual(notarytoolCredentials({ APPLE_KEYCHAIN_PROFILE: "cdp-notary" }), ["--keychain-profile", "cdp-notary"]);
    assert.deepEqual(notarytoolCredentials({ APPLE_KEYCHAIN_PROFILE: "cdp-notary", APPLE_KEYCHAIN: "/k/ci.keychain-db" }), [
      "--keychain-profile",
      "cdp-notary",
      "--keychain",
      "/k/ci.keychain-db",
    ]);
    assert.equal(notarytoolCredentials({ APPLE_API_KEY: "/s/AuthKey.p8", APPLE_API_KEY_ID: " " }), null);
    assert.equal(notarytoolCredentials({ APPLE_ID: "a@b.c", APPLE_APP_SPECIFIC_PASSWORD: "x" }), null);
  });

  it("signs a development build with a named identity, or ad hoc (runnable on Apple silicon), never notarized", () => {
    const adHoc = developmentBuild({ PATH: "/usr/bin" });
    assert.equal(adHoc.signing, "ad-hoc");
    assert.deepEqual(adHoc.builderArgs, ["-c.mac.notarize=false", "-c.mac.identity=-", "-c.mac.hardenedRuntime=false"]);
    assert.equal(adHoc.env.CSC_IDENTITY_AUTO_DISCOVERY, "false", "no identity is picked from the keychains by surprise");
    assert.equal(adHoc.env.PATH, "/usr/bin");
    for (const env of [{ CSC_NAME: "Example Corp (ABCDE12345)" }, { CSC_LINK: "/secure/id.p12" }, { CSC_IDENTITY_AUTO_DISCOVERY: "true" }]) {
      const named = developmentBuild(env);
      assert.equal(named.signing, "identity", JSON.stringify(env));
      assert.deepEqual(named.builderArgs, ["-c.mac.notarize=false"]);
      assert.notEqual(named.env.CSC_IDENTITY_AUTO_DISCOVERY, "false", "a .p12 in CSC_LINK is found by discovery in its own keychain");
    }
    assert.equal(developmentBuild({ CSC_NAME: "  " }).signing, "ad-hoc");
  });
});
