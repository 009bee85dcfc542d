// The Jamf Pro privileges of the API client, checked before anything changes: without Update Cloud
// Distribution Point a rotation stops at its preflight (no key created, IAM and Jamf Pro as they
// were) and Test connection says what is missing and where to add it. When Jamf Pro does not
// report privileges, both go on, saying the privileges could not be confirmed.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, describe, it } from "node:test";
import { startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";
import { assertNothingChanged, assertSafe } from "./support/expectations";

const AUTH = "/api/v1/auth";
const READ = "Read Cloud Distribution Point" as const;
const UPDATE = "Update Cloud Distribution Point" as const;

let clientId = "";

async function harnessWith(privileges: Array<typeof READ | typeof UPDATE>): Promise<Harness> {
  clientId = `client-${randomUUID().slice(0, 8)}`;
  const client = { clientId, clientSecret: `secret-${randomUUID()}` };
  const h = await startHarness({ jamfClient: client });
  h.world.jamf.control.addApiClient({ ...client, privileges });
  return h;
}

describe("Jamf Pro privileges", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("an API client without Update: the rotation stops at its preflight, before any key is created", async () => {
    h = await harnessWith([READ]);
    const iamBefore = h.world.aws.control.listKeys().map((k) => [k.userName, k.accessKeyId, k.status]);
    const { final, asked } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "JAMF_FORBIDDEN");
    assert.match(final.error?.message ?? "", /^API client client-\w+ lacks the "Update Cloud Distribution Point" privilege in Jamf Pro/);
    assert.match(final.error?.action ?? "", /Jamf Pro > Settings > API roles and clients, add the "Update Cloud Distribution Point" privilege to the API role/);
    assert.equal(final.stateMessage, "The preflight found a problem, so nothing was changed.");
    assert.equal(final.steps.find((s) => s.id === "preflight")?.status, "failed");
    assert.ok(final.steps.filter((s) => s.id !== "preflight").every((s) => s.status === "pending" || s.status === "skipped"), JSON.stringify(final.steps.map((s) => [s.id, s.status])));
    assert.deepEqual(asked.map((s) => s.id).filter((id) => id === "create-key"), [], "never asked to create a key");
    const aws = h.world.aws.control.requests().map((r) => r.action);
    assert.ok(!aws.includes("iam:CreateAccessKey"), aws.join(", "));
    assert.ok(!h.world.jamf.control.requests().some((r) => r.method !== "GET" && !r.path.includes("token")), "only reads of Jamf Pro");
    assert.deepEqual(h.world.aws.control.listKeys().map((k) => [k.userName, k.accessKeyId, k.status]), iamBefore, "sandbox IAM unchanged");
    await assertNothingChanged(h);
  });

  it("Test connection: not ready, the missing privilege named, with where to add it", async () => {
    h = await harnessWith([READ]);
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, false);
    const check = report.checks.find((c) => c.id === "jamf-privileges");
    assert.equal(check?.ok, false);
    assert.equal(check?.state, undefined);
    assert.match(check?.message ?? "", /lacks the "Update Cloud Distribution Point" privilege in Jamf Pro, so Jamf Pro would refuse the new key/);
    assert.match(check?.action ?? "", /API roles and clients/);
    assert.equal(report.checks.find((c) => c.id === "jamf-cdp")?.ok, true, "reading the CDP still works");
  });

  it("a role changed in Jamf Pro after Test connection is noticed by the rotation's own preflight", async () => {
    h = await harnessWith([READ, UPDATE]);
    assert.equal((await h.core.engine.preflight(h.target)).ok, true);
    h.world.jamf.control.setPrivileges(clientId, [READ]);
    const { final } = await rotate(h);
    assert.equal(final.error?.code, "JAMF_FORBIDDEN");
    await assertNothingChanged(h);
  });

  it("privileges not reported (404): Test connection is ready with a warning, the rotation completes and says so", async () => {
    h = await harnessWith([READ, UPDATE]);
    h.world.jamf.control.failNext("GET", AUTH, 404, { httpStatus: 404, errors: [{ code: "NOT_FOUND", description: "Not Found", id: "0", field: null }] }, 2);
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    const check = report.checks.find((c) => c.id === "jamf-privileges");
    assert.equal(check?.state, "warning");
    assert.match(check?.message ?? "", /could not be confirmed: Jamf Pro answered HTTP 404 when asked for them/);
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.match(final.steps.find((s) => s.id === "preflight")?.result ?? "", /Warning: The privileges of API client client-\w+ could not be confirmed/);
    await assertSafe(h);
  });

  it("an answer without privileges, or a 403 for the question itself: a warning, never a silent ready", async () => {
    h = await harnessWith([READ, UPDATE]);
    h.world.jamf.control.failNext("GET", AUTH, 200, { account: { username: "x" }, accountGroups: [], sites: [] });
    const empty = (await h.core.engine.preflight(h.target)).checks.find((c) => c.id === "jamf-privileges");
    assert.equal(empty?.state, "warning");
    assert.match(empty?.message ?? "", /Jamf Pro's answer lists no privileges/);
    h.world.jamf.control.failNext("GET", AUTH, 403, { httpStatus: 403, errors: [{ code: "INVALID_PRIVILEGE", description: "Forbidden", id: "0", field: null }] });
    const refused = (await h.core.engine.preflight(h.target)).checks.find((c) => c.id === "jamf-privileges");
    assert.equal(refused?.state, "warning");
    assert.match(refused?.message ?? "", /HTTP 403/);
  });
});
