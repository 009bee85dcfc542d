// Transport failures as undici reports them (error → cause chain with OpenSSL / libuv codes).
// Untrusted, expired and mismatched certificates run for real in tests/integration/tls-and-proxy;
// the codes a real server cannot easily produce (and Chromium's names) are checked here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanServerText, responseError, transportError } from "./jamf-errors";

const fetchFailed = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });
const context = { origin: "https://acme.jamfcloud.com", what: "read the cloud distribution point", timeoutMs: 30_000, method: "GET" };

describe("Jamf transport errors", () => {
  it("explains certificate problems: the cause and the fix", () => {
    const expired = transportError(fetchFailed("CERT_HAS_EXPIRED"), context);
    assert.equal(expired.code, "TLS_EXPIRED");
    assert.match(expired.message, /certificate of Jamf Pro at acme\.jamfcloud\.com has expired/);
    assert.match(expired.action ?? "", /renewed/);
    const inChain = transportError(fetchFailed("SELF_SIGNED_CERT_IN_CHAIN"), context);
    assert.equal(inChain.code, "TLS_UNTRUSTED");
    assert.match(inChain.message, /not trusted/);
    assert.match(inChain.action ?? "", /inspect TLS traffic \(for example Zscaler or Netskope\).*System keychain.*NODE_EXTRA_CA_CERTS=\/path\/to\/root\.pem/);
    const name = transportError(fetchFailed("ERR_TLS_CERT_ALTNAME_INVALID"), context);
    assert.equal(name.code, "TLS_HOSTNAME_MISMATCH");
    assert.match(name.message, /not issued for acme\.jamfcloud\.com/);
    assert.equal(transportError(fetchFailed("UNABLE_TO_GET_ISSUER_CERT_LOCALLY"), context).code, "TLS_UNTRUSTED");
    assert.equal(transportError(fetchFailed("CERT_NOT_YET_VALID"), context).code, "TLS_EXPIRED");
    assert.equal(transportError(fetchFailed("ERR_SSL_WRONG_VERSION_NUMBER"), context).code, "TLS_FAILED");
  });

  it("reads Chromium's net errors (the app's net.fetch) like Node's", () => {
    const chromium = (name: string) => new Error(`net::${name}`);
    assert.equal(transportError(chromium("ERR_CERT_AUTHORITY_INVALID"), context).code, "TLS_UNTRUSTED");
    assert.equal(transportError(chromium("ERR_CERT_DATE_INVALID"), context).code, "TLS_EXPIRED");
    assert.equal(transportError(chromium("ERR_CERT_COMMON_NAME_INVALID"), context).code, "TLS_HOSTNAME_MISMATCH");
    assert.match(transportError(chromium("ERR_CONNECTION_REFUSED"), context).message, /connection was refused/);
    assert.match(transportError(chromium("ERR_NAME_NOT_RESOLVED"), context).message, /could not be found/);
    assert.match(transportError(chromium("ERR_PROXY_CONNECTION_FAILED"), context).message, /proxy could not connect/);
  });

  it("names a proxy that refused the tunnel", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("Proxy response (407) !== 200 when HTTP Tunneling"), { code: "UND_ERR_ABORTED" }) });
    const error = transportError(refused, { ...context, method: "PATCH" });
    assert.match(error.message, /proxy asks for a sign-in/);
    assert.doesNotMatch(error.message, /may or may not/);
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
