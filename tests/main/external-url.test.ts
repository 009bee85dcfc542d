import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildExternalAllowList, isAllowedExternalUrl } from "../../src/main/external-url";

// The hosts the core vouches for (saved, https, last connection test passed); see external-url-trust.test.ts.
const allowList = buildExternalAllowList(["acme.jamfcloud.com", "JAMF.corp.example:8443", "*.evil.example", "evil.example/path", ".evil.example"]);

describe("isAllowedExternalUrl", () => {
  it("allows https links to configured Jamf Pro hosts, AWS console and docs, Jamf docs", () => {
    for (const url of [
      "https://acme.jamfcloud.com/view/settings/cloud-distribution-point",
      "https://jamf.corp.example:8443/",
      "https://console.aws.amazon.com/iam/home#/users/jamf-cdp",
      "https://us-east-1.console.aws.amazon.com/iam/home",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
      "https://aws.amazon.com/iam/",
      "https://learn.jamf.com/en-US/bundle/jamf-pro-documentation-current/page/Cloud_Distribution_Point.html",
    ]) {
      assert.equal(isAllowedExternalUrl(url, allowList), true, url);
    }
  });

  it("refuses everything else", () => {
    for (const url of [
      "http://acme.jamfcloud.com/", // not https
      "http://127.0.0.1:9000/", // the sandbox is http
      "https://evil.example/",
      "https://acme.jamfcloud.com.evil.example/", // suffix trick
      "https://evilconsole.aws.amazon.com/", // not a subdomain of console
      "https://jamf.corp.example/", // wrong port
      "https://user:pass@acme.jamfcloud.com/", // hidden credentials
      "https://aws.amazon.com/ec2/", // outside the allowed path
      "https://aws.amazon.com/iamevil", // prefix must end at a path boundary
      "file:///etc/passwd",
      "javascript:alert(1)",
      "smb://acme.jamfcloud.com/share",
      "not a url",
      "",
    ]) {
      assert.equal(isAllowedExternalUrl(url, allowList), false, url);
    }
  });

  it("takes only plain host names from the core, never wildcards or paths", () => {
    assert.ok(allowList.includes("acme.jamfcloud.com"));
    assert.ok(allowList.includes("jamf.corp.example:8443"));
    for (const entry of ["*.evil.example", "evil.example/path", ".evil.example"]) assert.ok(!allowList.includes(entry), entry);
    assert.equal(isAllowedExternalUrl("https://www.evil.example/", allowList), false);
  });

  it("refuses lookalikes of the documentation hosts", () => {
    for (const url of ["https://learn.jamf.com.evil.test/", "https://docs.aws.amazon.com.evil.test/", "https://console.aws.amazon.com.evil.test/", "https://learn-jamf.com/"]) {
      assert.equal(isAllowedExternalUrl(url, allowList), false, url);
    }
  });
});
