import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { CONNECTION_TESTS_FILE, FileConnectionTestStore, jamfOrigin } from "./connection-test-store";

let dir: string;
const clock = { now: () => new Date("2026-11-20T10:00:00.000Z") };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cdp-connection-tests-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("FileConnectionTestStore", () => {
  it("keeps the last result per origin: the same host on another port or scheme is another origin", async () => {
    const store = new FileConnectionTestStore({ dataDir: dir, clock });
    await store.record("https://Acme.jamfcloud.com/", true);
    await store.record("https://acme.jamfcloud.com:8443", false);
    assert.equal(await store.lastTestPassed("https://acme.jamfcloud.com"), true);
    assert.equal(await store.lastTestPassed("https://acme.jamfcloud.com:443/path"), true);
    assert.equal(await store.lastTestPassed("https://acme.jamfcloud.com:8443"), false);
    assert.equal(await store.lastTestPassed("http://acme.jamfcloud.com"), false);
    await store.record("https://acme.jamfcloud.com", false);
    assert.equal(await store.lastTestPassed("https://acme.jamfcloud.com"), false);
    const saved = JSON.parse(await readFile(join(dir, CONNECTION_TESTS_FILE), "utf8"));
    assert.deepEqual(saved.origins["https://acme.jamfcloud.com"], { ok: false, testedAt: "2026-11-20T10:00:00.000Z" });
  });

  it("writes nothing for a failed test of an address never trusted, nor for plain http", async () => {
    const store = new FileConnectionTestStore({ dataDir: dir, clock });
    await store.record("https://never-worked.example", false);
    await store.record("http://127.0.0.1:9000", true);
    assert.deepEqual(await readdir(dir), []);
    await store.record("https://worked.example", true);
    await store.record("https://worked.example", false);
    assert.equal(await store.lastTestPassed("https://worked.example"), false);
  });

  it("lists only https hosts of the given targets whose last test passed", async () => {
    const store = new FileConnectionTestStore({ dataDir: dir, clock });
    await store.record("https://a.example", true);
    await store.record("https://b.example:8443", true);
    await store.record("http://c.example", true);
    await store.record("https://d.example", false);
    const hosts = await store.trustedHttpsHosts([
      { jamfUrl: "https://a.example/" },
      { jamfUrl: "https://b.example:8443" },
      { jamfUrl: "http://c.example" },
      { jamfUrl: "https://d.example" },
      { jamfUrl: "https://never-tested.example" },
      { jamfUrl: "not a url" },
    ]);
    assert.deepEqual(hosts, ["a.example", "b.example:8443"]);
  });

  it("trusts nothing when its file is damaged, and moves the file aside", async () => {
    await writeFile(join(dir, CONNECTION_TESTS_FILE), '{"version": 1, "origins": {"https://a.example": {"ok": "yes"}}}');
    const store = new FileConnectionTestStore({ dataDir: dir, clock });
    assert.equal(await store.lastTestPassed("https://a.example"), false);
    assert.deepEqual(await readdir(dir), ["connection-tests.json.damaged-2026-11-20T10-00-00-000Z"]);
    await store.record("https://a.example", true);
    assert.equal(await store.lastTestPassed("https://a.example"), true);
  });

  it("gives no origin for unparsable addresses", () => {
    assert.equal(jamfOrigin("not a url"), null);
    assert.equal(jamfOrigin("https://JAMF.example:443/x"), "https://jamf.example");
  });
});
