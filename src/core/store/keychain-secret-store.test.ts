// Runs against the real Secret Service (npm test provides one inside dbus-run-session with an
// unlocked gnome-keyring) or the real macOS Keychain, under a service name unique to this run.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { AsyncEntry, findCredentialsAsync } from "@napi-rs/keyring";
import { runFixture } from "../../../tests/core/fixtures/store-helpers";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { PendingKeyVault, resolveJamfCredentials } from "./jamf-credentials";
import { KeychainSecretStore, keychainUnavailableError } from "./keychain-secret-store";
import { secretAccounts } from "./store-types";

const service = `CDP Key Rotator test ${process.pid} ${randomUUID()}`;
const inTestSession = Boolean(process.env.CDP_TEST_SESSION);

async function secretServiceProblem(): Promise<string | null> {
  try {
    const entry = new AsyncEntry(service, "probe", { linux: { store: "secret-service" } });
    await entry.setPassword("probe");
    const back = await entry.getPassword();
    await entry.deletePassword();
    return back === "probe" ? null : "an item written could not be read back";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const problem = await secretServiceProblem();
const skip =
  problem && !inTestSession
    ? `no Secret Service / Keychain reachable (${problem}); npm test provides one, or run this file inside dbus-run-session with gnome-keyring (see TEAM-BRIEF)`
    : false;

describe("KeychainSecretStore on the real Secret Service / Keychain", { skip }, () => {
  const store = new KeychainSecretStore({ service });

  after(async () => {
    if (problem) return;
    for (const { account } of await findCredentialsAsync(service)) await new AsyncEntry(service, account).deletePassword();
    assert.deepEqual(await findCredentialsAsync(service), [], "the test left items behind");
  });

  it("has a Secret Service to talk to (npm test must provide one)", () => {
    assert.equal(problem, null, `The Secret Service is not reachable inside the npm test session: ${problem}. Is gnome-keyring-daemon installed (apt-get install gnome-keyring dbus)?`);
  });

  it("saves, reads, overwrites and deletes an item", async () => {
    const account = `jamf:${randomUUID()}`;
    assert.equal(await store.get(account), null);
    await store.set(account, "first secret");
    assert.equal(await store.get(account), "first secret");
    await store.set(account, "second secret ✓ with ünïcode");
    assert.equal(await store.get(account), "second secret ✓ with ünïcode");
    assert.equal(await store.delete(account), true);
    assert.equal(await store.get(account), null);
    assert.equal(await store.delete(account), false);
  });

  it("keeps accounts and services apart", async () => {
    const other = new KeychainSecretStore({ service: `${service} other` });
    await store.set("a", "secret-a");
    await store.set("b", "secret-b");
    assert.equal(await store.get("a"), "secret-a");
    assert.equal(await store.get("b"), "secret-b");
    assert.equal(await other.get("a"), null);
    await store.delete("a");
    await store.delete("b");
  });

  it("refuses an empty secret", async () => {
    await assert.rejects(store.set("empty", ""), (e: unknown) => e instanceof AppError && e.code === "INVALID_INPUT");
  });

  it("serves as the pending-key vault: the new key survives a new store instance", async () => {
    const targetId = randomUUID();
    const key = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
    await new PendingKeyVault(store).put(targetId, key);
    const fresh = new PendingKeyVault(new KeychainSecretStore({ service }));
    assert.deepEqual(await fresh.get(targetId), key);
    assert.equal(await fresh.remove(targetId), true);
    assert.equal(await fresh.get(targetId), null);
  });

  it("serves the Jamf secret of a target", async () => {
    const target: Target = {
      id: randomUUID(),
      name: "Acme",
      jamfUrl: "https://acme.jamfcloud.com",
      jamfAuth: { kind: "api-client", clientId: "cid" },
      awsRegion: "us-east-1",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    };
    await store.set(secretAccounts.jamf(target.id), "client-secret");
    assert.deepEqual(await resolveJamfCredentials(target, store, {}), { kind: "api-client", clientId: "cid", clientSecret: "client-secret" });
    await store.delete(secretAccounts.jamf(target.id));
  });
});

describe("KeychainSecretStore without a Secret Service", { skip: process.platform !== "linux" ? "only Linux can be cut off from its Secret Service" : false }, () => {
  it("answers KEYCHAIN_UNAVAILABLE with what to do, never the secret, and never falls back to another store", async () => {
    const secret = `never-shown-${randomUUID()}`;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/cdp-test-bus" };
    const { code, stdout, stderr } = await runFixture("keychain-child.ts", [service, "jamf:unavailable", secret], env);
    assert.equal(code, 0, stderr);
    assert.ok(!stdout.includes(secret) && !stderr.includes(secret), "the secret leaked into the output");
    const outcome = JSON.parse(stdout) as Record<string, { ok: boolean; error?: { code: string; message: string; action?: string } }>;
    for (const step of ["set", "get", "delete"]) {
      const result = outcome[step];
      assert.ok(result && !result.ok, `${step} should have failed`);
      assert.equal(result.error?.code, "KEYCHAIN_UNAVAILABLE");
      assert.match(result.error?.message ?? "", /Keychain item "jamf:unavailable" \(Secret Service\)/);
      assert.match(result.error?.action ?? "", /start a Secret Service such as gnome-keyring/i);
    }
  });

  it("words the action for macOS and Windows too, and scrubs the secret", () => {
    const mac = keychainUnavailableError({ platform: "darwin", verb: "save", account: "jamf:x", error: new Error("User interaction is not allowed. s3cr3t"), secret: "s3cr3t" });
    assert.match(mac.action ?? "", /Unlock your login keychain/);
    assert.match(mac.message, /macOS Keychain/);
    assert.ok(!JSON.stringify(mac.toData()).includes("s3cr3t"));
    const win = keychainUnavailableError({ platform: "win32", verb: "read", account: "jamf:x", error: "denied" });
    assert.match(win.action ?? "", /Credential Manager/);
  });
});
