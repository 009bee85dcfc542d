// Transport failures as undici reports them (error → cause chain with OpenSSL / libuv codes).
// The self-signed case runs for real in tests/integration; expired and mismatched certificates
// cannot be made with every openssl, so their mapping is checked here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanServerText, responseError, transportError } from "./jamf-errors";

const fetchFailed = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });
const context = { origin: "https://acme.jamfcloud.com", what: "read the cloud distribution point", timeoutMs: 30_000, method: "GET" };

describe("Jamf transport errors", () => {
  it("explains certificate problems", () => {
    assert.match(transportError(fetchFailed("CERT_HAS_EXPIRED"), context).message, /certificate of acme\.jamfcloud\.com has expired/);
    assert.match(transportError(fetchFailed("SELF_SIGNED_CERT_IN_CHAIN"), context).message, /not trusted/);
    assert.match(transportError(fetchFailed("ERR_TLS_CERT_ALTNAME_INVALID"), context).message, /not issued for acme\.jamfcloud\.com/);
    assert.equal(transportError(fetchFailed("UNABLE_TO_GET_ISSUER_CERT_LOCALLY"), context).code, "JAMF_TLS");
  });

  it("tells timeouts and network failures apart, and flags writes whose outcome is unknown", () => {
    const timeout = Object.assign(new Error("timed out"), { name: "TimeoutError" });
    assert.equal(transportError(timeout, context).code, "TIMEOUT");
    assert.match(transportError(timeout, { ...context, method: "PATCH" }).message, /may or may not have been applied/);
    assert.match(transportError(fetchFailed("ENOTFOUND"), context).message, /could not be found/);
    assert.doesNotMatch(transportError(fetchFailed("ECONNREFUSED"), { ...context, method: "PATCH" }).message, /may or may not/);
    assert.match(transportError(fetchFailed("ECONNRESET"), { ...context, method: "PATCH" }).message, /may or may not/);
  });

  it("keeps server text short, single-line and without the secret sent", () => {
    assert.equal(cleanServerText("bad\nvalue SECRET123 here", ["SECRET123"]), "bad value <redacted> here");
    assert.equal(cleanServerText("x".repeat(500)).length, 200);
  });

  it("does not quote HTML error pages", () => {
    const error = responseError({ status: 500, contentType: "text/html", text: "<html>stack trace</html>", json: undefined }, { what: "read it", privilege: null });
    assert.equal(error.code, "JAMF_ERROR");
    assert.match(error.message, /HTTP 500 with an unexpected non-JSON response/);
    assert.doesNotMatch(error.message, /stack trace/);
  });
});
