import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir, manualClock } from "../../../tests/core/fixtures/store-helpers";
import type { TargetInput } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { FileTargetStore, replacementPatch, TARGETS_FILE } from "./target-store";

const acme: TargetInput = {
  name: "Acme",
  jamfUrl: "https://acme.jamfcloud.com",
  jamfAuth: { kind: "api-client", clientId: "client-1" },
  iamUser: "jamf-cdp",
};

async function withStore(run: (store: FileTargetStore, ctx: { dir: string; clock: ReturnType<typeof manualClock> }) => Promise<void>) {
  const tmp = await makeTempDir();
  const clock = manualClock("2025-03-01T09:00:00.000Z");
  try {
    await run(new FileTargetStore({ dataDir: join(tmp.dir, "data"), clock }), { dir: join(tmp.dir, "data"), clock });
  } finally {
    await tmp.cleanup();
  }
}

function appError(code: string, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    assert.ok(error.action, "an error says what to do");
    return true;
  };
}

describe("FileTargetStore", () => {
  it("starts empty and creates nothing until the first add", async () => {
    await withStore(async (store, { dir }) => {
      assert.deepEqual(await store.list(), []);
      assert.equal(await store.find("Acme"), null);
      await assert.rejects(stat(dir), /ENOENT/);
    });
  });

  it("adds a target with a random id, defaults and timestamps, in a versioned 0600 file", async () => {
    await withStore(async (store, { dir }) => {
      const target = await store.add(acme);
      assert.match(target.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(target.awsRegion, "us-east-1");
      assert.equal(target.createdAt, "2025-03-01T09:00:00.000Z");
      assert.equal(target.updatedAt, target.createdAt);
      const file = JSON.parse(await readFile(join(dir, TARGETS_FILE), "utf8")) as { version: number; targets: unknown[] };
      assert.equal(file.version, 1);
      assert.deepEqual(file.targets, [target]);
      if (process.platform !== "win32") {
        assert.equal((await stat(join(dir, TARGETS_FILE))).mode & 0o777, 0o600);
        assert.equal((await stat(dir)).mode & 0o777, 0o700);
      }
      const second = await store.add({ ...acme, name: "Beta" });
      assert.notEqual(second.id, target.id);
      assert.deepEqual((await store.list()).map((t) => t.name), ["Acme", "Beta"]);
    });
  });

  it("finds by id or by name, ignoring case and surrounding spaces", async () => {
    await withStore(async (store) => {
      const target = await store.add(acme);
      assert.deepEqual(await store.find(target.id), target);
      assert.deepEqual(await store.find("ACME"), target);
      assert.deepEqual(await store.find("  acme "), target);
      assert.equal(await store.find("Acme Corp"), null);
      assert.equal(await store.find(""), null);
    });
  });

  it("refuses a second target of the same name, whatever its case", async () => {
    await withStore(async (store) => {
      await store.add(acme);
      await assert.rejects(store.add({ ...acme, name: "ACME" }), appError("TARGET_EXISTS", /named "Acme" already exists/));
      await assert.rejects(store.add({ ...acme, name: " acme " }), appError("TARGET_EXISTS"));
      assert.equal((await store.list()).length, 1);
    });
  });

  const urls: [string, string][] = [
    ["acme.jamfcloud.com", "https://acme.jamfcloud.com"],
    ["https://Acme.JamfCloud.com/", "https://acme.jamfcloud.com"],
    ["https://acme.jamfcloud.com/index.html", "https://acme.jamfcloud.com"],
    ["https://acme.jamfcloud.com/view/computers?id=4#general", "https://acme.jamfcloud.com"],
    ["https://acme.jamfcloud.com/api/v1/jamf-pro-version", "https://acme.jamfcloud.com"],
    ["https://jamf.example.com:8443/", "https://jamf.example.com:8443"],
    ["https://jamf.example.com:8443/jamf/computers.html", "https://jamf.example.com:8443/jamf"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://localhost:9000/", "http://localhost:9000"],
  ];
  for (const [input, stored] of urls) {
    it(`stores the Jamf Pro URL ${input} as ${stored}`, async () => {
      await withStore(async (store) => {
        const target = await store.add({ ...acme, jamfUrl: input });
        assert.equal(target.jamfUrl, stored);
      });
    });
  }

  const badUrls: [string, RegExp][] = [
    ["http://acme.jamfcloud.com", /^jamfUrl: .*https/],
    ["ftp://acme.jamfcloud.com", /^jamfUrl: /],
    ["https://admin:pw@acme.jamfcloud.com", /^jamfUrl: .*user name or password/],
    ["https://", /^jamfUrl: /],
    ["   ", /^jamfUrl: Enter the Jamf Pro URL/],
  ];
  for (const [input, message] of badUrls) {
    it(`rejects the Jamf Pro URL ${JSON.stringify(input)} with a clear INVALID_INPUT`, async () => {
      await withStore(async (store, { dir }) => {
        await assert.rejects(store.add({ ...acme, jamfUrl: input }), appError("INVALID_INPUT", message));
        await assert.rejects(stat(join(dir, TARGETS_FILE)), /ENOENT/);
      });
    });
  }

  it("never puts a password from the URL in the error", async () => {
    await withStore(async (store) => {
      await assert.rejects(store.add({ ...acme, jamfUrl: "https://admin:Sup3rSecretPw@acme.jamfcloud.com" }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.ok(!JSON.stringify(error.toData()).includes("Sup3rSecretPw"));
        return true;
      });
    });
  });

  it("lists every problem of bad input by field name", async () => {
    await withStore(async (store) => {
      const bad = { name: "", jamfUrl: "http://jamf.example.com", jamfAuth: { kind: "basic", username: "" }, awsRegion: "Frankfurt", iamUser: "has space", policy: { maxAgeDays: 0 } };
      await assert.rejects(store.add(bad as unknown as TargetInput), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, "INVALID_INPUT");
        for (const field of ["name:", "jamfAuth.username:", "awsRegion:", "iamUser:", "policy.maxAgeDays:", "jamfUrl:"]) {
          assert.ok(error.message.includes(field), `${field} missing from: ${error.message}`);
        }
        return true;
      });
    });
  });

  it("allows a plain-http AWS endpoint only on this machine", async () => {
    await withStore(async (store) => {
      const local = await store.add({ ...acme, awsEndpointUrl: "http://127.0.0.1:4566" });
      assert.equal(local.awsEndpointUrl, "http://127.0.0.1:4566");
      await assert.rejects(store.add({ ...acme, name: "B", awsEndpointUrl: "http://iam.example.com" }), appError("INVALID_INPUT", /^awsEndpointUrl: Use https/));
    });
  });

  it("updates the given fields, keeps the others, clears a field set to undefined", async () => {
    await withStore(async (store, { clock }) => {
      const target = await store.add({ ...acme, awsProfile: "admin", policy: { maxAgeDays: 60 } });
      clock.advance(60_000);
      const updated = await store.update(target.id, { name: "Acme Prod", jamfUrl: "acme2.jamfcloud.com", awsProfile: undefined });
      assert.equal(updated.id, target.id);
      assert.equal(updated.name, "Acme Prod");
      assert.equal(updated.jamfUrl, "https://acme2.jamfcloud.com");
      assert.equal(updated.awsProfile, undefined);
      assert.ok(!("awsProfile" in updated));
      assert.deepEqual(updated.policy, { maxAgeDays: 60 });
      assert.equal(updated.iamUser, "jamf-cdp");
      assert.equal(updated.createdAt, target.createdAt);
      assert.equal(updated.updatedAt, "2025-03-01T09:01:00.000Z");
      assert.deepEqual(await store.find("acme prod"), updated);
    });
  });

  it("replaces a whole target from a complete input with replacementPatch", async () => {
    await withStore(async (store) => {
      const target = await store.add({ ...acme, awsProfile: "admin", awsEndpointUrl: "http://127.0.0.1:4566", policy: { graceDays: 3 } });
      const formInput: TargetInput = { name: "Acme", jamfUrl: "https://acme.jamfcloud.com", jamfAuth: { kind: "api-client", clientId: "client-1" } };
      const kept = await store.update(target.id, formInput);
      assert.equal(kept.awsProfile, "admin", "a plain update keeps fields the patch leaves out");
      const replaced = await store.update(target.id, replacementPatch(formInput));
      for (const field of ["awsProfile", "awsEndpointUrl", "iamUser", "policy"]) assert.ok(!(field in replaced), `${field} should be cleared`);
      assert.equal(replaced.awsRegion, "us-east-1");
    });
  });

  it("validates an update like an add, and may keep its own name in another case", async () => {
    await withStore(async (store) => {
      const a = await store.add(acme);
      await store.add({ ...acme, name: "Beta" });
      await assert.rejects(store.update(a.id, { name: "BETA" }), appError("TARGET_EXISTS"));
      await assert.rejects(store.update(a.id, { awsRegion: "nowhere" }), appError("INVALID_INPUT", /^awsRegion: /));
      assert.equal((await store.update(a.id, { name: "ACME" })).name, "ACME");
      await assert.rejects(store.update("no-such-id", { name: "X" }), appError("TARGET_NOT_FOUND"));
    });
  });

  it("switches the auth kind", async () => {
    await withStore(async (store) => {
      const a = await store.add(acme);
      const b = await store.update(a.id, { jamfAuth: { kind: "basic", username: "rotator" } });
      assert.deepEqual(b.jamfAuth, { kind: "basic", username: "rotator" });
    });
  });

  it("removes a target, and says so when it does not exist", async () => {
    await withStore(async (store) => {
      const a = await store.add(acme);
      const b = await store.add({ ...acme, name: "Beta" });
      await store.remove(a.id);
      assert.deepEqual(await store.list(), [b]);
      await assert.rejects(store.remove(a.id), appError("TARGET_NOT_FOUND"));
    });
  });

  it("serialises concurrent writers: none of twenty parallel adds is lost", async () => {
    await withStore(async (store, { dir, clock }) => {
      const other = new FileTargetStore({ dataDir: dir, clock });
      const names = Array.from({ length: 20 }, (_, i) => `Instance ${i}`);
      await Promise.all(names.map((name, i) => (i % 2 ? store : other).add({ ...acme, name })));
      assert.deepEqual((await store.list()).map((t) => t.name).sort(), [...names].sort());
    });
  });

  it("lets exactly one of several parallel adds of the same name win", async () => {
    await withStore(async (store) => {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => store.add(acme)));
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      for (const r of results) if (r.status === "rejected") assert.equal((r.reason as AppError).code, "TARGET_EXISTS");
    });
  });

  it("mixes parallel updates and adds without losing any of them", async () => {
    await withStore(async (store) => {
      const a = await store.add(acme);
      await Promise.all([
        store.update(a.id, { iamUser: "user-a" }),
        store.add({ ...acme, name: "B" }),
        store.update(a.id, { awsProfile: "p" }),
        store.add({ ...acme, name: "C" }),
      ]);
      const after = await store.find(a.id);
      assert.equal(after?.iamUser, "user-a");
      assert.equal(after?.awsProfile, "p");
      assert.equal((await store.list()).length, 3);
    });
  });

  const damaged: [string, string, RegExp][] = [
    ["not JSON", "{ targets: [", /targets file .* is not valid JSON/],
    ["an unknown version", JSON.stringify({ version: 2, targets: [] }), /version: must be 1/],
    ["a target without a URL", JSON.stringify({ version: 1, targets: [{ id: "x", name: "A", jamfAuth: { kind: "basic", username: "u" }, createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" }] }), /targets\[0\]\.jamfUrl: is required/],
    [
      "two targets of one name",
      JSON.stringify({
        version: 1,
        targets: ["1", "2"].map((id) => ({ id, name: "Same", jamfUrl: "https://a.b", jamfAuth: { kind: "basic", username: "u" }, awsRegion: "us-east-1", createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" })),
      }),
      /targets\[1\]\.name: The name "Same" appears twice/,
    ],
  ];
  for (const [what, content, message] of damaged) {
    it(`reports a targets file with ${what} and never overwrites it`, async () => {
      await withStore(async (store, { dir }) => {
        await store.add(acme); // creates the folder
        const path = join(dir, TARGETS_FILE);
        await writeFile(path, content);
        await assert.rejects(store.list(), appError("CONFIG_INVALID", message));
        await assert.rejects(store.add({ ...acme, name: "New" }), appError("CONFIG_INVALID"));
        await assert.rejects(store.find("Acme"), appError("CONFIG_INVALID"));
        assert.equal(await readFile(path, "utf8"), content);
      });
    });
  }
});
