// Dates in the CLI's human output use the app's words (src/shared/age-words.ts, src/shared/when.ts):
// "7 days left · due Dec 10, 2026", "83 days · created Sep 11, 2026", never a raw ISO date or
// timestamp; --json keeps ISO for scripts. The CLI runs with TZ=UTC so "local" dates are UTC here.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { dueText, keyAgeText } from "../../src/shared/age-words";
import type { AuditRecord, TargetStatus } from "../../src/shared/domain";
import { formatDay, formatWhen } from "../../src/shared/when";
import { CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:/;
const UTC = { env: { TZ: "UTC" } };
/** The text without quoted IAM key descriptions (the tag the app writes carries its own ISO day). */
const ownWords = (text: string) => text.replace(/ is described as ".*"/g, "").replace(/ Jamf Pro CDP \S+ - CDP Key Rotator - \d{4}-\d{2}-\d{2}/g, "");

describe("dates in the CLI's output", { skip }, () => {
  let world: CliWorld;
  beforeEach(async () => {
    world = await CliWorld.withSandboxTarget();
  });
  afterEach(() => world.checkAndStop());

  it("status shows days left, the due day and the key's age in words; --verbose too; --json stays ISO", async () => {
    const json = await world.run(["status", "--json"], UTC);
    const [status] = parseJson<TargetStatus[]>(json);
    assert.ok(status?.dueAt && ISO_TIMESTAMP.test(status.dueAt), "--json keeps ISO timestamps");
    const held = status.keys.find((k) => k.heldByJamf);
    assert.ok(held && ISO_TIMESTAMP.test(held.createdAt));

    const table = await world.run(["status"], UTC);
    assert.equal(table.code, 2, table.stderr);
    assert.doesNotMatch(ownWords(table.stdout), ISO_DATE, table.stdout);
    // The same words as the card: the sandbox's key is 83 days old, so 7 of 90 days are left.
    assert.equal(dueText(7, status.dueAt, "utc"), `7 days left · due ${formatDay(status.dueAt, "utc")}`);
    assert.ok(table.stdout.includes(`7 days left · due ${formatDay(status.dueAt, "utc")}`), table.stdout);
    assert.ok(table.stdout.includes(`83 days · created ${formatDay(held.createdAt, "utc")}`), table.stdout);
    assert.equal(keyAgeText(held, "utc"), `83 days · created ${formatDay(held.createdAt, "utc")}`);
    assert.match(table.stdout, /Sandbox\s+due soon\s+7 days left · due \w{3} \d{1,2}, \d{4}/);

    const verbose = await world.run(["status", "--verbose"], UTC);
    assert.doesNotMatch(ownWords(verbose.stdout), ISO_DATE, verbose.stdout);
    assert.match(verbose.stdout, /CREATED\s+AGE\s+LAST USED/);
    // Jamf Pro's upload a few hours ago is the key's last use: "today", with the service and region.
    assert.match(verbose.stdout, new RegExp(`${formatDay(held.createdAt, "utc")}\\s+83 days\\s+\\w{3} \\d{1,2}, \\d{4} \\((today|yesterday)\\) · s3`));
  });

  it("the pending-deletion note, rotate's last line and the audit table name days and times in words", async () => {
    const rotated = await world.run(["rotate", "--yes", "--delete-old", "later"], UTC);
    assert.equal(rotated.code, 0, rotated.stdout + rotated.stderr);
    assert.doesNotMatch(rotated.stdout + rotated.stderr, ISO_TIMESTAMP);
    assert.match(rotated.stdout, /Delete the old key AKIA…\w{4} after \w{3} \d{1,2}, \d{4} with: cdp-key-rotator finish --target Sandbox/);

    const [pending] = parseJson<TargetStatus[]>(await world.run(["status", "--json"], UTC));
    const deleteAfter = pending?.pendingDeletion?.deleteAfter;
    assert.ok(deleteAfter && ISO_TIMESTAMP.test(deleteAfter));
    const table = await world.run(["status"], UTC);
    assert.doesNotMatch(ownWords(table.stdout), ISO_DATE, table.stdout);
    // One sentence names the date; the note adds only the command (no repeated sentence).
    assert.match(table.stdout, /Sandbox: .*after \w{3} \d{1,2}, \d{4}.* Delete it then with: cdp-key-rotator finish --target Sandbox/, table.stdout);
    assert.equal(table.stdout.match(/after \w{3} \d{1,2}, \d{4}/g)?.length, 1, table.stdout);

    const records = parseJson<AuditRecord[]>(await world.run(["audit", "--json"], UTC));
    assert.ok(records.length > 0 && records.every((r) => ISO_TIMESTAMP.test(r.at)), "--json keeps ISO");
    const audit = await world.run(["audit"], UTC);
    assert.equal(audit.code, 0, audit.stderr);
    assert.doesNotMatch(audit.stdout, ISO_DATE, audit.stdout);
    assert.ok(audit.stdout.includes(formatWhen(records[0]!.at, "utc").replace(" UTC", "")), audit.stdout);
  });
});
