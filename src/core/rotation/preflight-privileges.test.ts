// The words of the "Jamf Pro privileges" check, for an API client and for an account: what is
// missing and where to add it; a warning (not a failure) when Jamf Pro does not report privileges.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JamfAuth } from "../../shared/domain";
import { privilegesCheck } from "./preflight-privileges";

const client: JamfAuth = { kind: "api-client", clientId: "cdp-rotator" };
const account: JamfAuth = { kind: "basic", username: "jdoe" };
const READ = "Read Cloud Distribution Point" as const;
const UPDATE = "Update Cloud Distribution Point" as const;
const reported = (granted: Array<typeof READ | typeof UPDATE>) => ({ ok: true as const, value: { kind: "reported" as const, granted } });

describe("the Jamf Pro privileges check", () => {
  it("passes when Jamf Pro reports both", () => {
    const result = privilegesCheck({ auth: client, reading: reported([READ, UPDATE]), cdpRead: true });
    assert.equal(result.check.ok, true);
    assert.equal(result.check.state, undefined);
    assert.equal(result.problem, null);
    assert.match(result.check.message, /API client cdp-rotator has "Read Cloud Distribution Point" and "Update Cloud Distribution Point"/);
  });

  it("an API client without Update: what is missing, why it matters, where to add it", () => {
    const result = privilegesCheck({ auth: client, reading: reported([READ]), cdpRead: true });
    assert.equal(result.check.ok, false);
    assert.equal(result.problem?.code, "JAMF_FORBIDDEN");
    assert.equal(result.problem?.message, 'API client cdp-rotator lacks the "Update Cloud Distribution Point" privilege in Jamf Pro, so Jamf Pro would refuse the new key and the rotation would stop halfway.');
    assert.equal(result.problem?.action, 'In Jamf Pro > Settings > API roles and clients, add the "Update Cloud Distribution Point" privilege to the API role of API client cdp-rotator, then try again.');
    assert.equal(result.check.action, result.problem?.action);
  });

  it("an account without either: both named, and the account settings", () => {
    const result = privilegesCheck({ auth: account, reading: reported([]), cdpRead: false });
    assert.match(result.problem?.message ?? "", /^Account jdoe lacks the "Read Cloud Distribution Point" and "Update Cloud Distribution Point" privileges in Jamf Pro/);
    assert.match(result.problem?.action ?? "", /^In Jamf Pro > Settings > User accounts and groups, add the .* privileges to account jdoe \(or use an API client whose API role has them\), then try again\.$/);
  });

  it("not reported: a warning that does not block, saying what was and was not proven", () => {
    const result = privilegesCheck({ auth: client, reading: { ok: true, value: { kind: "not-reported", reason: "Jamf Pro answered HTTP 404 when asked for them" } }, cdpRead: true });
    assert.equal(result.check.ok, true);
    assert.equal(result.check.state, "warning");
    assert.equal(result.problem, null);
    assert.equal(result.warning, result.check.message);
    assert.match(result.check.message, /privileges of API client cdp-rotator could not be confirmed: Jamf Pro answered HTTP 404 when asked for them\. Reading the cloud distribution point proved "Read Cloud Distribution Point"; "Update Cloud Distribution Point" is proven only when/);
    assert.equal(result.check.action, 'Check in Jamf Pro > Settings > API roles and clients that the API role of API client cdp-rotator has the "Update Cloud Distribution Point" privilege.');
  });

  it("a report that denies Read although the CDP was just read is not trusted: a warning, not a block", () => {
    const result = privilegesCheck({ auth: client, reading: reported([]), cdpRead: true });
    assert.equal(result.problem, null);
    assert.equal(result.check.state, "warning");
    assert.match(result.check.message, /leaves out "Read Cloud Distribution Point", yet it let the cloud distribution point be read/);
  });

  it("an unanswered question: a warning when the CDP was read, not checked when Jamf Pro failed altogether", () => {
    const error = { ok: false as const, error: { code: "JAMF_ERROR" as const, message: "Jamf Pro answered HTTP 500 when asked to report the privileges of this API client or account." } };
    const warned = privilegesCheck({ auth: client, reading: error, cdpRead: true });
    assert.equal(warned.check.state, "warning");
    assert.match(warned.check.message, /could not be confirmed: Jamf Pro did not answer the question \(Jamf Pro answered HTTP 500/);
    const skipped = privilegesCheck({ auth: client, reading: error, cdpRead: false });
    assert.equal(skipped.check.state, "not-checked");
    assert.equal(skipped.problem, null);
  });
});
