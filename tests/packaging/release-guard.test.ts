import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { artifactBlockers, artifactChecks, isReleaseBuild, releaseEnvironmentBlockers } from "../../scripts/release-guard.mjs";

const signedAndNotarized = {
  CSC_LINK: "/secure/developer-id.p12",
  CSC_INSTALLER_LINK: "/secure/installer.p12",
  APPLE_API_KEY: "/secure/AuthKey.p8",
  APPLE_API_KEY_ID: "ABC123",
  APPLE_API_ISSUER: "00000000-0000-0000-0000-000000000000",
};

describe("release guard", () => {
  it("lets a release build start with both identities and an App Store Connect API key", () => {
    assert.deepEqual(releaseEnvironmentBlockers(signedAndNotarized), []);
  });

  it("accepts a notarytool keychain profile instead of an API key", () => {
    const { APPLE_API_KEY: _k, APPLE_API_KEY_ID: _i, APPLE_API_ISSUER: _s, ...rest } = signedAndNotarized;
    assert.deepEqual(releaseEnvironmentBlockers({ ...rest, APPLE_KEYCHAIN_PROFILE: "cdp-notary" }), []);
  });

  it("refuses a release without an installer identity, notarization, or with signing turned off", () => {
    assert.match(releaseEnvironmentBlockers({ ...signedAndNotarized, CSC_INSTALLER_LINK: "" }).join("\n"), /Developer ID Installer/);
    assert.match(releaseEnvironmentBlockers({ ...signedAndNotarized, APPLE_API_ISSUER: undefined }).join("\n"), /notarization/);
    assert.match(releaseEnvironmentBlockers({ ...signedAndNotarized, CSC_IDENTITY_AUTO_DISCOVERY: "false" }).join("\n"), /signing off/);
    assert.equal(releaseEnvironmentBlockers({}).length, 3);
  });

  it("checks each pkg for an installer signature, a stapled ticket and Gatekeeper", () => {
    const failing = new Set(["xcrun stapler validate release/a.pkg"]);
    const blockers = artifactBlockers(["release/a.pkg", "release/b.dmg"], (command, args) => !failing.has([command, ...args].join(" ")));
    assert.equal(blockers.length, 1);
    assert.match(blockers[0]!, /a\.pkg is not notarized/);
    assert.deepEqual(artifactChecks("x.pkg").map(([c]) => c), ["pkgutil", "xcrun", "spctl"]);
  });

  it("tells a release build from a development build", () => {
    assert.equal(isReleaseBuild(["node", "dist.mjs"], {}), false);
    assert.equal(isReleaseBuild(["node", "dist.mjs", "--release"], {}), true);
    assert.equal(isReleaseBuild([], { CDP_RELEASE: "1" }), true);
  });
});
