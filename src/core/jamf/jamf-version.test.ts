import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MIN_CDP_VERSION, compareJamfVersions, isAtLeast, parseJamfVersion } from "./jamf-version";

describe("Jamf Pro versions", () => {
  it("parses build-suffixed and short versions", () => {
    assert.deepEqual(parseJamfVersion("11.14.0-t1734370000"), { major: 11, minor: 14, patch: 0, display: "11.14.0" });
    assert.deepEqual(parseJamfVersion("11.2.1"), { major: 11, minor: 2, patch: 1, display: "11.2.1" });
    assert.deepEqual(parseJamfVersion("11.16"), { major: 11, minor: 16, patch: 0, display: "11.16.0" });
    assert.equal(parseJamfVersion("unknown"), null);
  });

  it("compares numerically, not as text", () => {
    assert.equal(isAtLeast(parseJamfVersion("11.9.0")!, MIN_CDP_VERSION), false);
    assert.equal(isAtLeast(parseJamfVersion("11.14.0-t1")!, MIN_CDP_VERSION), true);
    assert.equal(isAtLeast(parseJamfVersion("12.0.0")!, MIN_CDP_VERSION), true);
    assert.equal(isAtLeast(parseJamfVersion("10.99.9")!, MIN_CDP_VERSION), false);
    assert.ok(compareJamfVersions(parseJamfVersion("11.14.1")!, parseJamfVersion("11.14.0")!) > 0);
  });
});
