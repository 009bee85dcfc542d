// The error mapping for failures the sandbox cannot produce over HTTP (DNS, happy-eyeballs
// aggregates, clock skew wording) and the secret scrubbing every message goes through.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../../shared/errors";
import { parseAccessDenied, toAwsAppError } from "./aws-errors";
import { scrubSecrets } from "./aws-secret-scrub";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN = "IQoJb3JpZ2luX2VjE" + "A".repeat(40) + "b".repeat(60) + "/+9z";

describe("scrubSecrets", () => {
  it("removes secrets, signatures and session tokens, and masks key ids", () => {
    const text = `Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/sts/aws4_request, Signature=${"ab12".repeat(16)} secret ${SECRET} token X-Amz-Security-Token=${TOKEN}`;
    const scrubbed = scrubSecrets(text);
    assert.equal(scrubbed.includes(SECRET), false);
    assert.equal(scrubbed.includes(TOKEN), false);
    assert.equal(scrubbed.includes("ab12ab12"), false);
    assert.equal(scrubbed.includes("AKIAIOSFODNN7EXAMPLE"), false);
    assert.match(scrubbed, /AKIA…MPLE/);
  });

  it("removes a known secret of any shape and keeps ordinary words and ARNs", () => {
    assert.equal(scrubSecrets("the password is hunter2-hunter2", ["hunter2-hunter2"]), "the password is <redacted>");
    const arn = "User: arn:aws:iam::123456789012:user/jamf-cdp is not authorized";
    assert.equal(scrubSecrets(arn), arn);
  });
});

describe("toAwsAppError", () => {
  const context = { operation: "iam:ListAccessKeys", userName: "jamf-cdp" };

  it("passes AppErrors through unchanged", () => {
    const original = new AppError({ code: "AWS_MFA_REQUIRED", message: "m" });
    assert.equal(toAwsAppError(original, context), original);
  });

  it("maps DNS failures and happy-eyeballs aggregates to NETWORK", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND iam.example.invalid"), { code: "ENOTFOUND" });
    assert.equal(toAwsAppError(dns, context).code, "NETWORK");
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:9"), { code: "ECONNREFUSED" })], ""), {});
    assert.equal(toAwsAppError(aggregate, context).code, "NETWORK");
  });

  it("maps SDK timeouts and ETIMEDOUT to TIMEOUT", () => {
    assert.equal(toAwsAppError(Object.assign(new Error("socket timed out"), { name: "TimeoutError" }), context).code, "TIMEOUT");
    assert.equal(toAwsAppError(Object.assign(new Error("connect ETIMEDOUT"), { code: "ETIMEDOUT" }), context).code, "TIMEOUT");
  });

  it("explains a clock more than 15 minutes off", () => {
    const skew = Object.assign(new Error("Signature expired: 20240101T000000Z is now earlier than 20240101T010000Z (20240101T011500Z - 15 min.)"), { name: "SignatureDoesNotMatch" });
    const error = toAwsAppError(skew, context);
    assert.equal(error.code, "AWS_SIGNATURE_MISMATCH");
    assert.match(error.message, /clock/);
  });

  it("maps a 429 without a known code to AWS_THROTTLED and unknown errors to AWS_ERROR without secrets", () => {
    const tooMany = Object.assign(new Error("slow down"), { name: "Whatever", $metadata: { httpStatusCode: 429, attempts: 4 } });
    const throttled = toAwsAppError(tooMany, context);
    assert.equal(throttled.code, "AWS_THROTTLED");
    assert.match(throttled.message, /after 4 attempts/);
    const odd = toAwsAppError(Object.assign(new Error(`odd failure with ${SECRET}`), { name: "OddError" }), { ...context, secrets: [SECRET] });
    assert.equal(odd.code, "AWS_ERROR");
    assert.equal(JSON.stringify(odd.toData()).includes(SECRET), false);
  });

  it("maps credential-chain failures: MFA, SSO expiry, missing credentials", () => {
    const provider = (message: string) => Object.assign(new Error(message), { name: "CredentialsProviderError" });
    assert.equal(toAwsAppError(provider("Profile x requires multi-factor authentication, but no MFA code callback was provided."), context).code, "AWS_MFA_REQUIRED");
    assert.equal(
      toAwsAppError(provider("The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile."), { ...context, profile: "p" }).code,
      "AWS_SSO_SIGN_IN_REQUIRED",
    );
    const none = toAwsAppError(provider("Could not load credentials from any providers"), { ...context, profile: "work" });
    assert.equal(none.code, "AWS_NO_CREDENTIALS");
    assert.match(none.action ?? "", /aws configure --profile work/);
  });

  it("parses both AccessDenied wordings", () => {
    assert.deepEqual(
      parseAccessDenied("User: arn:aws:iam::1:user/a is not authorized to perform: iam:CreateAccessKey on resource: user b because no identity-based policy allows the iam:CreateAccessKey action"),
      { caller: "arn:aws:iam::1:user/a", action: "iam:CreateAccessKey", resource: "user b" },
    );
    assert.deepEqual(
      parseAccessDenied("User: arn:aws:iam::1:user/a is not authorized to perform: iam:DeleteAccessKey on resource: arn:aws:iam::1:user/b with an explicit deny in an identity-based policy"),
      { caller: "arn:aws:iam::1:user/a", action: "iam:DeleteAccessKey", resource: "arn:aws:iam::1:user/b" },
    );
  });
});
