import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildExternalAllowList, isAllowedExternalUrl } from "../../src/main/external-url";

const allowList = buildExternalAllowList([
  { jamfUrl: "https://acme.jamfcloud.com" },
  { jamfUrl: "https://jamf.corp.example:8443/" },
  { jamfUrl: "http://127.0.0.1:9000" },
  { jamfUrl: "not a url" },
]);

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

  it("adds nothing for http or unparsable Jamf URLs", () => {
    assert.ok(!allowList.includes("127.0.0.1:9000"));
    assert.ok(allowList.includes("acme.jamfcloud.com"));
    assert.ok(allowList.includes("jamf.corp.example:8443"));
  });
});
