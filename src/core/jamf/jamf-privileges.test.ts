// AuthorizationV1 bodies as different Jamf Pro set-ups answer them: an API role, an account with
// its own privileges, group access, the Administrator set, a site administrator, and answers that
// carry no privileges at all (those must read as "not reported", never as "missing").
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readAuthorization } from "./jamf-privileges";

const READ = "Read Cloud Distribution Point";
const UPDATE = "Update Cloud Distribution Point";

const granted = (body: unknown) => {
  const reading = readAuthorization(body);
  assert.equal(reading.kind, "reported", JSON.stringify(reading));
  return reading.kind === "reported" ? reading.granted : [];
};

describe("reading Jamf Pro's privileges (GET /api/v1/auth)", () => {
  it("an API role: the privileges listed for the whole server (-1)", () => {
    const body = { account: { privilegesBySite: { "-1": ["Read Computers", READ] } }, accountGroups: [], authenticationType: "CLIENT_CREDENTIALS" };
    assert.deepEqual(granted(body), [READ]);
    assert.deepEqual(granted({ account: { privilegesBySite: { "-1": [READ, UPDATE] } } }), [READ, UPDATE]);
    assert.deepEqual(granted({ account: { privilegesBySite: { "-1": [] } } }), [], "an empty role is reported, not unknown");
  });

  it("matches names regardless of case and stray spaces", () => {
    assert.deepEqual(granted({ account: { privilegesBySite: { "-1": [" read cloud distribution point", "UPDATE CLOUD DISTRIBUTION POINT "] } } }), [READ, UPDATE]);
  });

  it("group access: privileges of the server-wide account groups count, site groups do not", () => {
    const body = {
      account: { accessLevel: "GroupBasedAccess", privilegesBySite: {} },
      accountGroups: [
        { siteId: -1, privileges: [READ] },
        { siteId: 3, privileges: [UPDATE] },
      ],
    };
    assert.deepEqual(granted(body), [READ]);
    assert.deepEqual(granted({ account: {}, accountGroups: [{ privileges: [UPDATE] }] }), [UPDATE], "a group without a site is server-wide");
  });

  it("the Administrator privilege set holds both", () => {
    assert.deepEqual(granted({ account: { privilegeSet: "ADMINISTRATOR", privilegesBySite: {} } }), [READ, UPDATE]);
    assert.deepEqual(granted({ account: { privilegesBySite: {} }, accountGroups: [{ siteId: -1, privilegeSet: "ADMINISTRATOR" }] }), [READ, UPDATE]);
  });

  it("a site administrator: privileges for a site only reach no server-wide setting", () => {
    assert.deepEqual(granted({ account: { accessLevel: "SiteAccess", privilegesBySite: { "2": [READ, UPDATE] } } }), []);
  });

  it("answers without privileges are not reported, never missing", () => {
    for (const body of [{}, { account: {} }, { account: { privilegesBySite: {} } }, { account: null }, "<html>", null, [], { account: { privilegesBySite: "all" } }]) {
      const reading = readAuthorization(body);
      assert.equal(reading.kind, "not-reported", JSON.stringify(body));
    }
  });
});
