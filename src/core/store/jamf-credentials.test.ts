import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { SecretStore } from "../ports";
import {
  deleteTargetSecrets,
  PendingKeyVault,
  resolveAwsAdminKeys,
  resolveJamfCredentials,
  storeAwsAdminKeys,
  storeJamfSecret,
} from "./jamf-credentials";
import { MemorySecretStore } from "./memory-secret-store";
import { secretAccounts } from "./store-types";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function target(auth: Target["jamfAuth"], id = "t-1"): Target {
  return {
    id,
    name: "Acme",
    jamfUrl: "https://acme.jamfcloud.com",
    jamfAuth: auth,
    awsRegion: "us-east-1",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
}

const apiTarget = target({ kind: "api-client", clientId: "client-1" });
const basicTarget = target({ kind: "basic", username: "Rotator" });

function isCode(code: string, check?: (e: AppError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    check?.(error);
    return true;
  };
}

describe("resolveJamfCredentials", () => {
  const cases: {
    name: string;
    target: Target;
    env: Record<string, string>;
    keychain: string | null;
    want: unknown;
  }[] = [
    { name: "API client from the Keychain", target: apiTarget, env: {}, keychain: "kc-secret", want: { kind: "api-client", clientId: "client-1", clientSecret: "kc-secret" } },
    {
      name: "API client from the environment when its id matches (wins over the Keychain)",
      target: apiTarget,
      env: { JAMF_CLIENT_ID: "client-1", JAMF_CLIENT_SECRET: "env-secret" },
      keychain: "kc-secret",
      want: { kind: "api-client", clientId: "client-1", clientSecret: "env-secret" },
    },
    {
      name: "API client: an environment id of another client is ignored",
      target: apiTarget,
      env: { JAMF_CLIENT_ID: "client-2", JAMF_CLIENT_SECRET: "env-secret" },
      keychain: "kc-secret",
      want: { kind: "api-client", clientId: "client-1", clientSecret: "kc-secret" },
    },
    {
      name: "API client: a secret without an id in the environment is ignored",
      target: apiTarget,
      env: { JAMF_CLIENT_SECRET: "env-secret" },
      keychain: "kc-secret",
      want: { kind: "api-client", clientId: "client-1", clientSecret: "kc-secret" },
    },
    {
      name: "API client: username/password in the environment do not apply",
      target: apiTarget,
      env: { JAMF_USERNAME: "client-1", JAMF_PASSWORD: "pw" },
      keychain: "kc-secret",
      want: { kind: "api-client", clientId: "client-1", clientSecret: "kc-secret" },
    },
    { name: "basic from the Keychain", target: basicTarget, env: {}, keychain: "kc-pw", want: { kind: "basic", username: "Rotator", password: "kc-pw" } },
    {
      name: "basic from the environment, user name compared without case",
      target: basicTarget,
      env: { JAMF_USERNAME: "rotator", JAMF_PASSWORD: "env-pw" },
      keychain: "kc-pw",
      want: { kind: "basic", username: "Rotator", password: "env-pw" },
    },
    {
      name: "basic: another user in the environment is ignored",
      target: basicTarget,
      env: { JAMF_USERNAME: "admin", JAMF_PASSWORD: "env-pw" },
      keychain: "kc-pw",
      want: { kind: "basic", username: "Rotator", password: "kc-pw" },
    },
    {
      name: "basic: client credentials in the environment do not apply",
      target: basicTarget,
      env: { JAMF_CLIENT_ID: "Rotator", JAMF_CLIENT_SECRET: "s" },
      keychain: "kc-pw",
      want: { kind: "basic", username: "Rotator", password: "kc-pw" },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const secrets = new MemorySecretStore(c.keychain === null ? {} : { [secretAccounts.jamf(c.target.id)]: c.keychain });
      assert.deepEqual(await resolveJamfCredentials(c.target, secrets, c.env), c.want);
    });
  }

  it("says how to store a missing API client secret", async () => {
    await assert.rejects(
      resolveJamfCredentials(apiTarget, new MemorySecretStore(), {}),
      isCode("SECRET_MISSING", (e) => {
        assert.match(e.message, /No Jamf Pro API client secret is stored for "Acme"/);
        assert.match(e.action ?? "", /Settings → Acme/);
        assert.match(e.action ?? "", /cdp-key-rotator targets add/);
        assert.match(e.action ?? "", /JAMF_CLIENT_ID=client-1 and JAMF_CLIENT_SECRET/);
      }),
    );
  });

  it("explains why a mismatching environment was not used", async () => {
    await assert.rejects(
      resolveJamfCredentials(apiTarget, new MemorySecretStore(), { JAMF_CLIENT_ID: "other", JAMF_CLIENT_SECRET: "env-secret" }),
      isCode("SECRET_MISSING", (e) => {
        assert.match(e.details ?? "", /JAMF_CLIENT_ID is other, not this instance's client id client-1/);
        assert.ok(!JSON.stringify(e.toData()).includes("env-secret"));
      }),
    );
    await assert.rejects(
      resolveJamfCredentials(basicTarget, new MemorySecretStore(), { JAMF_PASSWORD: "pw" }),
      isCode("SECRET_MISSING", (e) => assert.match(e.details ?? "", /JAMF_PASSWORD is set but JAMF_USERNAME is not/)),
    );
  });

  it("stores and deletes the target's secrets but keeps a pending key", async () => {
    const secrets = new MemorySecretStore();
    await storeJamfSecret(secrets, "t-1", "s1", apiTarget);
    await storeAwsAdminKeys(secrets, "t-1", { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET }, apiTarget);
    await new PendingKeyVault(secrets).put("t-1", { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: SECRET });
    await deleteTargetSecrets(secrets, "t-1");
    assert.deepEqual(secrets.accounts(), ["pending-key:t-1"]);
  });
});

describe("storeJamfSecret binds at store time", () => {
  it("sends the secret to the target it was stored for and refuses another address, even on first use", async () => {
    const secrets = new MemorySecretStore();
    await storeJamfSecret(secrets, apiTarget.id, "s1", apiTarget);
    // First read is for a moved copy: an unbound secret would have been bound to it here.
    const moved = { ...apiTarget, jamfUrl: "https://evil.example.com" };
    await assert.rejects(resolveJamfCredentials(moved, secrets, {}), isCode("SECRET_MISSING", (e) => assert.doesNotMatch(e.message + (e.action ?? ""), /s1/)));
    assert.deepEqual(await resolveJamfCredentials(apiTarget, secrets, {}), { kind: "api-client", clientId: "client-1", clientSecret: "s1" });
  });
});

describe("resolveAwsAdminKeys", () => {
  it("is undefined when none are stored", async () => {
    assert.equal(await resolveAwsAdminKeys(apiTarget, new MemorySecretStore()), undefined);
  });

  it("reads keys stored with storeAwsAdminKeys", async () => {
    const secrets = new MemorySecretStore();
    await storeAwsAdminKeys(secrets, apiTarget.id, { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET }, apiTarget);
    assert.deepEqual(await resolveAwsAdminKeys(apiTarget, secrets), { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET });
  });

  for (const [what, stored] of [
    ["not JSON", `AKIAIOSFODNN7EXAMPLE:${SECRET}`],
    ["a bad key id", JSON.stringify({ accessKeyId: "akia-lower", secretAccessKey: SECRET })],
    ["a missing secret", JSON.stringify({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" })],
  ] as const) {
    it(`reports an item that is ${what} as CONFIG_INVALID without its content`, async () => {
      const secrets = new MemorySecretStore({ [secretAccounts.awsAdmin(apiTarget.id)]: stored });
      await assert.rejects(
        resolveAwsAdminKeys(apiTarget, secrets),
        isCode("CONFIG_INVALID", (e) => {
          assert.match(e.message, /AWS admin key for "Acme"/);
          assert.ok(!JSON.stringify(e.toData()).includes(SECRET.slice(0, 12)));
          assert.ok(!JSON.stringify(e.toData()).includes("akia-lower"));
        }),
      );
    });
  }

  it("refuses to store something that is not a key pair", async () => {
    await assert.rejects(storeAwsAdminKeys(new MemorySecretStore(), "t", { accessKeyId: "short", secretAccessKey: SECRET }, apiTarget), isCode("INVALID_INPUT"));
  });
});

describe("PendingKeyVault", () => {
  const key = { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: SECRET };

  it("puts, gets and removes the new key of a target", async () => {
    const secrets = new MemorySecretStore();
    const vault = new PendingKeyVault(secrets);
    assert.equal(await vault.get("t-1"), null);
    await vault.put("t-1", key);
    assert.deepEqual(await vault.get("t-1"), key);
    assert.deepEqual(JSON.parse((await secrets.get(secretAccounts.pendingKey("t-1"))) ?? ""), key);
    assert.equal(await vault.get("t-2"), null);
    assert.equal(await vault.remove("t-1"), true);
    assert.equal(await vault.remove("t-1"), false);
    assert.equal(await vault.get("t-1"), null);
  });

  it("puts the same key again without complaint", async () => {
    const vault = new PendingKeyVault(new MemorySecretStore());
    await vault.put("t-1", key);
    await vault.put("t-1", key);
    assert.deepEqual(await vault.get("t-1"), key);
  });

  it("never overwrites another pending key unless told to", async () => {
    const vault = new PendingKeyVault(new MemorySecretStore());
    await vault.put("t-1", key);
    const other = { accessKeyId: "AKIAOTHERKEY00000001", secretAccessKey: SECRET.replace("w", "W") };
    await assert.rejects(
      vault.put("t-1", other),
      isCode("ROTATION_IN_PROGRESS", (e) => {
        assert.match(e.message, /AKIA…MPLE/);
        assert.ok(!e.message.includes(key.accessKeyId));
      }),
    );
    assert.deepEqual(await vault.get("t-1"), key);
    await vault.put("t-1", other, { replace: true });
    assert.deepEqual(await vault.get("t-1"), other);
  });

  it("refuses an invalid key and stores nothing", async () => {
    const secrets = new MemorySecretStore();
    await assert.rejects(new PendingKeyVault(secrets).put("t-1", { accessKeyId: "AKIA", secretAccessKey: "x" }), isCode("INVALID_INPUT"));
    assert.deepEqual(secrets.accounts(), []);
  });

  it("fails loudly when the Keychain does not keep what it was given", async () => {
    // A store that accepts writes and forgets them, as a misbehaving keyring would.
    const forgetful: SecretStore = { get: async () => null, set: async () => undefined, delete: async () => false };
    await assert.rejects(
      new PendingKeyVault(forgetful).put("t-1", key),
      isCode("KEYCHAIN_UNAVAILABLE", (e) => assert.ok(!JSON.stringify(e.toData()).includes(SECRET))),
    );
  });

  it("reports a damaged item without showing it", async () => {
    const secrets = new MemorySecretStore({ [secretAccounts.pendingKey("t-1")]: `{"accessKeyId": "AKIAI44QH8DHBEXAMPLE", "secretAccessKey": "${SECRET}"` });
    await assert.rejects(
      new PendingKeyVault(secrets).get("t-1"),
      isCode("CONFIG_INVALID", (e) => assert.ok(!JSON.stringify(e.toData()).includes(SECRET))),
    );
  });
});

describe("MemorySecretStore", () => {
  it("keeps secrets per account and refuses empty ones", async () => {
    const store = new MemorySecretStore({ a: "1" });
    assert.equal(await store.get("a"), "1");
    await store.set("b", "2");
    assert.deepEqual(store.accounts(), ["a", "b"]);
    assert.equal(await store.delete("a"), true);
    assert.equal(await store.delete("a"), false);
    await assert.rejects(store.set("c", ""), isCode("INVALID_INPUT"));
  });
});
