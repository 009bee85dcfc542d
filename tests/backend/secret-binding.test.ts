// A stored secret is used only with the origin and identity it was stored for: the core refuses
// a save or test that would move it, and a loopback trap proves nothing reached another address.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { secretAccounts } from "../../src/core/store/store-types";
import { AppError } from "../../src/shared/errors";
import { startTrap, type TrapServer } from "../support/trap-server";
import { startBackend, type BackendHarness } from "./backend-harness";

const refusedWith = (text: string) => (error: unknown) => error instanceof AppError && error.code === "SECRET_MISSING" && error.message.includes(text);

describe("secret binding (core backend against the sandbox)", () => {
  let h: BackendHarness;
  let trap: TrapServer;
  beforeEach(async () => {
    h = await startBackend();
    trap = await startTrap();
  });
  afterEach(async () => {
    await trap.close();
    await h.stop();
  });
  const inputOf = () => {
    const { id: _id, createdAt: _c, updatedAt: _u, hasSecret: _h, ...input } = h.target;
    return input;
  };
  const stored = () => [h.world.jamfClient.clientSecret, h.world.admin.secretAccessKey];

  it("refuses to test or save a changed address without the secret typed again, and sends nothing there", async () => {
    const moved = { ...inputOf(), jamfUrl: trap.url };
    await assert.rejects(h.backend["cdp:targets:test"]({ targetId: h.target.id, target: moved }), refusedWith("Enter the client secret again for the new address."));
    await assert.rejects(h.backend["cdp:targets:save"]({ targetId: h.target.id, target: moved }), refusedWith("Enter the client secret again for the new address."));
    assert.equal((await h.backend["cdp:targets:list"]({}))[0]?.jamfUrl, h.target.jamfUrl, "the target was not changed");
    // Same host, other port; other scheme: still another origin.
    const url = new URL(h.target.jamfUrl);
    for (const other of [`${url.protocol}//${url.hostname}:${Number(url.port) + 1}`, `https://${url.host}`]) {
      await assert.rejects(h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...inputOf(), jamfUrl: other } }), refusedWith("new address"));
    }
    // A refresh and a rotation start after the refusals still go only to the saved address.
    await h.backend["cdp:status:refresh"]({ targetId: h.target.id });
    assert.equal(trap.received.length, 0);
    assert.equal(trap.sawAny(stored()), false);
  });

  it("refuses a changed client id or auth kind without the secret typed again", async () => {
    await assert.rejects(
      h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...inputOf(), jamfAuth: { kind: "api-client", clientId: "someone-else" } } }),
      refusedWith("Enter the client secret again for the new client id."),
    );
    await assert.rejects(
      h.backend["cdp:targets:test"]({ targetId: h.target.id, target: { ...inputOf(), jamfAuth: { kind: "basic", username: "admin" } } }),
      refusedWith("Enter the password again for the new sign-in method."),
    );
  });

  it("control: with the secret typed again the trap is reachable, so the refusals above can fail", async () => {
    const moved = { ...inputOf(), jamfUrl: trap.url };
    const report = await h.backend["cdp:targets:test"]({ targetId: h.target.id, target: moved, secret: h.world.jamfClient.clientSecret });
    assert.equal(report.ok, false);
    assert.equal(trap.sawAny([h.world.jamfClient.clientSecret]), true, "the typed secret reached the trap");
    // Saving with the typed secret rebinds it: the old address is now the "new" one.
    const saved = await h.backend["cdp:targets:save"]({ targetId: h.target.id, target: moved, secret: "typed-for-the-trap" });
    assert.equal(saved.jamfUrl, trap.url);
    await assert.rejects(h.backend["cdp:targets:save"]({ targetId: h.target.id, target: inputOf() }), refusedWith("new address"));
  });

  it("binds a secret stored before bindings existed to the target as saved, not to the request", async () => {
    await h.secrets.delete(secretAccounts.jamfBinding(h.target.id));
    await h.secrets.delete(secretAccounts.awsAdminBinding(h.target.id));
    await assert.rejects(h.backend["cdp:targets:test"]({ targetId: h.target.id, target: { ...inputOf(), jamfUrl: trap.url } }), refusedWith("new address"));
    assert.equal(trap.received.length, 0);
    const ok = await h.backend["cdp:targets:test"]({ targetId: h.target.id });
    assert.equal(ok.ok, true, JSON.stringify(ok.checks));
  });

  it("refuses to point stored AWS admin keys at another endpoint", async () => {
    await assert.rejects(
      h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...inputOf(), awsEndpointUrl: trap.url }, secret: h.world.jamfClient.clientSecret }),
      refusedWith("AWS admin key"),
    );
    await assert.rejects(h.backend["cdp:targets:test"]({ targetId: h.target.id, target: { ...inputOf(), awsEndpointUrl: trap.url } }), refusedWith("AWS admin key"));
    assert.equal(trap.received.length, 0);
    // Renaming and other changes keep working with the stored secrets.
    const renamed = await h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...inputOf(), name: "Renamed" } });
    assert.equal(renamed.name, "Renamed");
  });
});
