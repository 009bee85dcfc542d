import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors";
import { isLoopbackHost, normalizeJamfUrl } from "./jamf-url";

describe("Jamf Pro URLs", () => {
  it("normalizes trailing slashes and an /api suffix", () => {
    assert.equal(normalizeJamfUrl(" https://acme.jamfcloud.com/ "), "https://acme.jamfcloud.com");
    assert.equal(normalizeJamfUrl("https://acme.jamfcloud.com/api"), "https://acme.jamfcloud.com");
    assert.equal(normalizeJamfUrl("https://ACME.jamfcloud.com//api//"), "https://acme.jamfcloud.com");
    assert.equal(normalizeJamfUrl("https://jamf.example.com:8443/jamf/"), "https://jamf.example.com:8443/jamf");
  });

  it("allows http only for loopback hosts", () => {
    assert.equal(normalizeJamfUrl("http://127.0.0.1:8443"), "http://127.0.0.1:8443");
    assert.equal(normalizeJamfUrl("http://127.10.0.3"), "http://127.10.0.3");
    assert.equal(normalizeJamfUrl("http://localhost:1/"), "http://localhost:1");
    assert.equal(normalizeJamfUrl("http://[::1]:80"), "http://[::1]");
    assert.equal(isLoopbackHost("128.0.0.1"), false);
    for (const bad of ["http://acme.jamfcloud.com", "http://10.0.0.5", "http://127.0.0.1.evil.com"]) {
      assert.throws(() => normalizeJamfUrl(bad), (e: unknown) => e instanceof AppError && e.code === "JAMF_BAD_URL" && /https:\/\//.test(e.message));
    }
  });

  it("explains what is wrong with other bad input", () => {
    const message = (input: string) => {
      try {
        normalizeJamfUrl(input);
      } catch (error) {
        assert.ok(error instanceof AppError && error.code === "JAMF_BAD_URL");
        assert.match(error.message, /https:\/\/yourcompany\.jamfcloud\.com/);
        return error.message;
      }
      assert.fail(`accepted ${input}`);
    };
    assert.match(message(""), /empty/);
    assert.match(message("acme.jamfcloud.com"), /must start with https/);
    assert.match(message("ftp://acme.jamfcloud.com"), /not supported/);
    assert.match(message("https://admin:pw@acme.jamfcloud.com"), /user name or password/);
    assert.match(message("https://acme.jamfcloud.com/?x=1"), /query/);
    assert.doesNotMatch(message("https://admin:hunter2@acme.jamfcloud.com"), /hunter2/);
  });
});
